import type { TChannelType, TNotifyEventKind } from '@/lib/notifications/schema';

// Short names for the closed sets the forms and tables show; a Record over
// the union, so a new event kind or channel type does not compile unlabelled.
export const EVENT_LABELS: Record<TNotifyEventKind, string> = {
  'vip-moved': 'VIP moved',
  'split-brain': 'Split brain',
  'keepalived-transition': 'keepalived state change',
  'finding-raised': 'Finding raised',
  'finding-cleared': 'Finding cleared',
  'action-finished': 'Action finished',
  'action-failed': 'Action failed',
  'action-interrupted': 'Action interrupted',
  'drill-verdict': 'Drill verdict',
};

export const CHANNEL_TYPE_LABELS: Record<TChannelType, string> = {
  webhook: 'Webhook',
  slack: 'Slack-compatible',
  smtp: 'E-mail over SMTP',
};
