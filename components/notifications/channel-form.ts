import type { TChannelType } from '@/lib/notifications/schema';
import { splitList, toNumber } from './form-values';

export type TChannelForm = {
  name: string;
  type: TChannelType;
  webhookUrl: string;
  secret: string;
  slackUrl: string;
  host: string;
  port: string;
  tls: string;
  user: string;
  password: string;
  caCertificate: string;
  from: string;
  to: string;
};

// Every field but the type is free text.
export type TTextKey = Exclude<keyof TChannelForm, 'type'>;

export const emptyChannelForm = (): TChannelForm => ({ name: '', type: 'webhook', webhookUrl: '', secret: '', slackUrl: '', host: '', port: '587', tls: 'starttls', user: '', password: '', caCertificate: '', from: '', to: '' });

// Only the chosen type's fields are sent: the server refuses unknown ones.
// Blank optional SMTP fields are left out so the server's defaults apply.
export const channelRequestBody = (f: TChannelForm): Record<string, unknown> => {
  const name = f.name.trim();
  switch (f.type) {
    case 'webhook':
      return { name, type: f.type, url: f.webhookUrl.trim(), secret: f.secret };
    case 'slack':
      return { name, type: f.type, url: f.slackUrl.trim() };
    case 'smtp':
      return {
        name,
        type: f.type,
        host: f.host.trim(),
        ...(f.port.trim() !== '' && { port: toNumber(f.port) }),
        tls: f.tls,
        ...(f.user.trim() !== '' && { user: f.user.trim() }),
        ...(f.password !== '' && { password: f.password }),
        ...(f.caCertificate.trim() !== '' && { caCertificate: f.caCertificate.trim() }),
        from: f.from.trim(),
        to: splitList(f.to),
      };
  }
};
