// A set of checkboxes under one legend, with the server's error for the set
// below it (as Field shows one for an input).
export const CheckboxGroup = <T extends string>({ id, legend, options, labelOf, selected, onToggle, error, hint }: { id: string; legend: string; options: readonly T[]; labelOf: (option: T) => string; selected: readonly T[]; onToggle: (option: T, isOn: boolean) => void; error?: string; hint?: string }) => (
  <fieldset aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}>
    <legend className="text-sm font-medium">{legend}</legend>
    <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
      {options.map((o) => (
        <label key={o} className="flex items-center gap-1.5 text-sm">
          <input type="checkbox" name={id} value={o} checked={selected.includes(o)} onChange={(e) => onToggle(o, e.target.checked)} />
          {labelOf(o)}
        </label>
      ))}
    </div>
    {hint && !error && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">{hint}</p>}
    {error && <p id={`${id}-error`} className="mt-1 text-xs text-red-600 dark:text-red-400">{legend} {error}</p>}
  </fieldset>
);
