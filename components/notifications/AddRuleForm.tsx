'use client';
import { useState, type FormEvent } from 'react';
import { CheckboxGroup } from '@/components/ui/CheckboxGroup';
import { Field, SelectField } from '@/components/ui/Field';
import { buttonClass } from '@/components/ui/styles';
import { NOTIFY_EVENT_KINDS, NOTIFY_SEVERITIES } from '@/lib/notifications/schema';
import { fieldError } from './form-values';
import { useCreate } from './use-create';
import { EVENT_LABELS } from './labels';
import { emptyRuleForm, ruleRequestBody, toggled, type TRuleForm } from './rule-form';

export const AddRuleForm = ({ channelNames }: { channelNames: string[] }) => {
  const [form, setForm] = useState<TRuleForm>(emptyRuleForm);
  const { errors, error, added, isBusy, create } = useCreate('/api/notifications/rules');
  const chooseSeverity = (value: string) => {
    const severity = NOTIFY_SEVERITIES.find((s) => s === value);
    if (severity) setForm((f) => ({ ...f, minSeverity: severity }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await create(ruleRequestBody(form), `Rule ${form.name.trim()} added.`))) return;
    setForm(emptyRuleForm());
  };


  return (
    <form onSubmit={submit} noValidate aria-label="Add a rule" className="grid max-w-3xl grid-cols-1 items-start gap-4 sm:grid-cols-2">
      <Field id="new-rule-name" label="Rule name" autoComplete="off" value={form.name} error={errors.name} onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))} />
      <Field id="new-rule-clusters" label="Clusters" autoComplete="off" value={form.clusters} error={fieldError(errors, 'clusters')} onChange={(e) => setForm((f) => ({ ...f, clusters: e.target.value }))} hint="Comma-separated cluster names. Empty: all clusters, including those added later." />
      <div className="sm:col-span-2">
        <CheckboxGroup id="new-rule-events" legend="Events" options={NOTIFY_EVENT_KINDS} labelOf={(k) => EVENT_LABELS[k]} selected={form.events} error={fieldError(errors, 'events')} onToggle={(k, isOn) => setForm((f) => ({ ...f, events: toggled(NOTIFY_EVENT_KINDS, f.events, k, isOn) }))} />
      </div>
      <SelectField id="new-rule-severity" label="Minimum severity" options={NOTIFY_SEVERITIES} value={form.minSeverity} error={errors.minSeverity} onChange={(e) => chooseSeverity(e.target.value)} hint="Applies to findings; the other events always match." />
      <Field id="new-rule-quiet" label="Quiet period (seconds)" inputMode="numeric" autoComplete="off" value={form.quietSeconds} error={errors.quietSeconds} onChange={(e) => setForm((f) => ({ ...f, quietSeconds: e.target.value }))} hint="Events closer together than this go out as one message. 0–600." />
      <div className="sm:col-span-2">
        {channelNames.length > 0 ? (
          <CheckboxGroup id="new-rule-channels" legend="Channels" options={channelNames} labelOf={(c) => c} selected={form.channels} error={fieldError(errors, 'channels')} onToggle={(c, isOn) => setForm((f) => ({ ...f, channels: toggled(channelNames, f.channels, c, isOn) }))} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">Add a channel first: a rule sends to one or more channels.</p>
        )}
      </div>
      <div className="sm:col-span-2">
        <button type="submit" className={buttonClass} disabled={isBusy || channelNames.length === 0}>Add rule</button>
      </div>
      {error && <p role="alert" className="text-sm text-red-600 sm:col-span-2 dark:text-red-400">{error}</p>}
      <p role="status" className="text-sm sm:col-span-2">{added}</p>
    </form>
  );
};
