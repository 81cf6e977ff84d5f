'use client';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { requestApi } from '@/components/ui/call-api';
import { Field, SelectField } from '@/components/ui/Field';
import { buttonClass } from '@/components/ui/styles';
import { CHANNEL_TYPES, isChannelType } from '@/lib/notifications/schema';
import { channelRequestBody, emptyChannelForm, type TChannelForm, type TTextKey } from './channel-form';
import { ChannelTypeFields } from './ChannelTypeFields';
import { CHANNEL_TYPE_LABELS } from './labels';

const typeLabel = (o: string): string => (isChannelType(o) ? CHANNEL_TYPE_LABELS[o] : o);

export const AddChannelForm = () => {
  const router = useRouter();
  const [form, setForm] = useState<TChannelForm>(emptyChannelForm);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const set = (key: TTextKey, value: string) => setForm((f) => ({ ...f, [key]: value }));
  const chooseType = (value: string) => {
    if (isChannelType(value)) setForm((f) => ({ ...f, type: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setIsBusy(true);
    const r = await requestApi('POST', '/api/notifications/channels', channelRequestBody(form));
    setIsBusy(false);
    if (!r.isOk) {
      setErrors(r.fields);
      setAdded(null);
      setError(Object.keys(r.fields).length > 0 ? 'Please correct the highlighted fields.' : r.message);
      return;
    }
    setErrors({});
    setError(null);
    setAdded(`Channel ${form.name.trim()} added. Send it a test from the table above.`);
    // The secrets leave the page with the form's other values.
    setForm({ ...emptyChannelForm(), type: form.type });
    router.refresh();
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
