import { Field, SelectField, TextAreaField } from '@/components/ui/Field';
import { SMTP_TLS_MODES } from '@/lib/notifications/schema';
import type { TChannelForm, TTextKey } from './channel-form';
import { fieldError } from './form-values';

type TProps = { form: TChannelForm; errors: Record<string, string>; set: (key: TTextKey, value: string) => void };

const TLS_LABELS: Record<(typeof SMTP_TLS_MODES)[number], string> = { none: 'none (plain)', starttls: 'STARTTLS', tls: 'TLS from the start (465)' };
const tlsLabel = (o: string): string => {
  const mode = SMTP_TLS_MODES.find((m) => m === o);
  return mode ? TLS_LABELS[mode] : o;
};

// The fields of the chosen channel type. Secrets are typed into password
// inputs and never shown again: the API does not return them.
export const ChannelTypeFields = ({ form, errors, set }: TProps) => {
  switch (form.type) {
    case 'webhook':
      return (
        <>
          <Field id="new-channel-url" label="URL" type="url" autoComplete="off" value={form.webhookUrl} error={errors.url} onChange={(e) => set('webhookUrl', e.target.value)} hint="Receives a signed JSON POST." />
          <Field id="new-channel-secret" label="Signing secret" type="password" autoComplete="new-password" value={form.secret} error={errors.secret} onChange={(e) => set('secret', e.target.value)} hint="16–256 printable characters; the receiver checks x-tandem-signature with it." />
        </>
      );
    case 'slack':
      return <Field id="new-channel-slack-url" label="Incoming-webhook URL" type="password" autoComplete="off" value={form.slackUrl} error={errors.url} onChange={(e) => set('slackUrl', e.target.value)} hint="The URL is the credential: stored encrypted, only its host is shown." />;
    case 'smtp':
      return (
        <>
          <Field id="new-channel-host" label="SMTP host" autoComplete="off" value={form.host} error={errors.host} onChange={(e) => set('host', e.target.value)} />
          <Field id="new-channel-port" label="Port" inputMode="numeric" autoComplete="off" value={form.port} error={errors.port} onChange={(e) => set('port', e.target.value)} />
          <SelectField id="new-channel-tls" label="TLS" options={SMTP_TLS_MODES} optionLabel={tlsLabel} value={form.tls} error={errors.tls} onChange={(e) => set('tls', e.target.value)} />
          <Field id="new-channel-user" label="SMTP user" autoComplete="off" value={form.user} error={errors.user} onChange={(e) => set('user', e.target.value)} hint="Optional." />
          <Field id="new-channel-password" label="SMTP password" type="password" autoComplete="new-password" value={form.password} error={errors.password} onChange={(e) => set('password', e.target.value)} hint="Optional." />
          <TextAreaField id="new-channel-ca" label="CA certificate" rows={3} autoComplete="off" spellCheck={false} value={form.caCertificate} error={errors.caCertificate} onChange={(e) => set('caCertificate', e.target.value)} placeholder="-----BEGIN CERTIFICATE-----" hint="Optional, PEM: for a relay whose certificate a private CA signed. Trusted instead of the system's CAs." />
          <Field id="new-channel-from" label="From" type="email" autoComplete="off" value={form.from} error={errors.from} onChange={(e) => set('from', e.target.value)} />
          <Field id="new-channel-to" label="To" autoComplete="off" value={form.to} error={fieldError(errors, 'to')} onChange={(e) => set('to', e.target.value)} hint="Comma-separated addresses, at most 20." />
        </>
      );
  }
};
