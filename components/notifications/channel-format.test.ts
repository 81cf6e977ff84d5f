import { describe, expect, it } from 'vitest';
import { channelDestination } from './channel-format';

describe('where a channel sends', () => {
  it('shows the webhook URL as the server shows it, the Slack host, and the SMTP server with its recipients', () => {
    expect(channelDestination({ type: 'webhook', config: { url: 'https://hooks.example.com/tandem?…' } })).toBe('https://hooks.example.com/tandem?…');
    expect(channelDestination({ type: 'slack', config: { urlHint: 'https://hooks.slack.com/…' } })).toBe('https://hooks.slack.com/…');
    const smtp = { host: 'smtp.example.com', port: 587, tls: 'starttls', user: null, from: 'tandem@example.com', to: ['dba@example.com', 'sre@example.com'] };
    expect(channelDestination({ type: 'smtp', config: smtp })).toBe('smtp.example.com:587 → dba@example.com, sre@example.com');
  });

  it('says so when a stored config cannot be read, rather than throwing in a page', () => {
    expect(channelDestination({ type: 'smtp', config: { host: 'x' } })).toBe('(unreadable)');
  });
});
