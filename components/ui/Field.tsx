import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { inputClass } from '@/components/ui/styles';

type TFieldProps = { id: string; label: string; error?: string; hint?: string };

const FieldShell = ({ id, label, error, hint, children }: TFieldProps & { children: React.ReactNode }) => (
  <div>
    <label htmlFor={id} className="block text-sm font-medium">{label}</label>
    {children}
    {hint && !error && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">{hint}</p>}
    {error && <p id={`${id}-error`} className="mt-1 text-xs text-red-600 dark:text-red-400">{label} {error}</p>}
  </div>
);

const describedBy = ({ id, error, hint }: TFieldProps) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

export const Field = ({ id, label, error, hint, ...input }: TFieldProps & InputHTMLAttributes<HTMLInputElement>) => (
  <FieldShell id={id} label={label} error={error} hint={hint}>
    <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy({ id, label, error, hint })} className={inputClass} {...input} />
  </FieldShell>
);

export const TextAreaField = ({ id, label, error, hint, ...input }: TFieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) => (
  <FieldShell id={id} label={label} error={error} hint={hint}>
    <textarea id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy({ id, label, error, hint })} className={`${inputClass} font-mono text-xs`} {...input} />
  </FieldShell>
);

export const SelectField = ({ id, label, error, hint, options, optionLabel = (o) => o, ...select }: TFieldProps & { options: readonly string[]; optionLabel?: (option: string) => string } & SelectHTMLAttributes<HTMLSelectElement>) => (
  <FieldShell id={id} label={label} error={error} hint={hint}>
    <select id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy({ id, label, error, hint })} className={inputClass} {...select}>
      {options.map((o) => <option key={o} value={o}>{optionLabel(o)}</option>)}
    </select>
  </FieldShell>
);
