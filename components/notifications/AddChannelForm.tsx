'use client';
import { useState, type FormEvent } from 'react';
import { Field, SelectField } from '@/components/ui/Field';
import { buttonClass } from '@/components/ui/styles';
import { CHANNEL_TYPES, isChannelType } from '@/lib/notifications/schema';
import { channelRequestBody, emptyChannelForm, type TChannelForm, type TTextKey } from './channel-form';
import { ChannelTypeFields } from './ChannelTypeFields';
import { CHANNEL_TYPE_LABELS } from './labels';
import { useCreate } from './use-create';

const typeLabel = (o: string): string => (isChannelType(o) ? CHANNEL_TYPE_LABELS[o] : o);

export const AddChannelForm = () => {
  const [form, setForm] = useState<TChannelForm>(emptyChannelForm);
  const { errors, error, added, isBusy, create } = useCreate('/api/notifications/channels');
  const set = (key: TTextKey, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const chooseType = (value: string) => {
    if (isChannelType(value)) setForm((f) => ({ ...f, type: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!(await create(channelRequestBody(form), `Channel ${form.name.trim()} added. Send it a test from the table above.`))) return;
    // The secrets leave the page with the form's other values.
    setForm({ ...emptyChannelForm(), type: form.type });
  };


  return (
    <form onSubmit={submit} noValidate aria-label="Add a channel" className="grid max-w-3xl grid-cols-1 items-start gap-3 sm:grid-cols-2">
      <Field id="new-channel-name" label="Channel name" autoComplete="off" value={form.name} error={errors.name} onChange={(e) => set('name', e.target.value)} hint="Letters, digits, dots, dashes, underscores." />
      <SelectField id="new-channel-type" label="Type" options={CHANNEL_TYPES} optionLabel={typeLabel} value={form.type} error={errors.type} onChange={(e) => chooseType(e.target.value)} />
      <ChannelTypeFields form={form} errors={errors} set={set} />
      <div className="sm:col-span-2">
        <button type="submit" className={buttonClass} disabled={isBusy}>Add channel</button>
      </div>
      {error && <p role="alert" className="text-sm text-red-600 sm:col-span-2 dark:text-red-400">{error}</p>}
      <p role="status" className="text-sm sm:col-span-2">{added}</p>
    </form>
  );
};
