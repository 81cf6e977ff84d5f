import { ZSlackConfig, ZSmtpConfig, ZWebhookConfig, type TChannelView } from '@/lib/notifications/schema';

// Where a channel sends, from what the API shows of it (never a secret): the
// webhook URL as the server shows it (query string hidden), the Slack host,
// the SMTP server and its recipients.
export const channelDestination = (c: Pick<TChannelView, 'type' | 'config'>): string => {
  switch (c.type) {
    case 'webhook': {
      const r = ZWebhookConfig.safeParse(c.config);
      return r.success ? r.data.url : '(unreadable)';
    }
    case 'slack': {
      const r = ZSlackConfig.safeParse(c.config);
      return r.success ? r.data.urlHint : '(unreadable)';
    }
    case 'smtp': {
      const r = ZSmtpConfig.safeParse(c.config);
      return r.success ? `${r.data.host}:${r.data.port} → ${r.data.to.join(', ')}` : '(unreadable)';
    }
  }
};
