import { metrics, type TDeliveryOutcome } from './registry';

// Channel types are a closed set in code (email, webhook…); anything else is
// counted as "other" so a caller passing a free-text value cannot grow the
// number of series.
const CHANNEL_TYPE = /^[a-z][a-z0-9_-]{0,31}$/;

export const recordNotificationDelivery = (channelType: string, outcome: TDeliveryOutcome): void => {
  metrics().notificationDeliveries.inc({ channel_type: CHANNEL_TYPE.test(channelType) ? channelType : 'other', outcome });
};
