import { describe, expect, it } from 'vitest';
import { ZChannelCreateSchema } from '@/lib/notifications/schema';
import { channelRequestBody, emptyChannelForm } from './channel-form';
import { fieldError, splitList, toNumber } from './form-values';

describe('channel form → request body', () => {
  it('sends only the chosen type\'s fields, which the server accepts', () => {
    const form = { ...emptyChannelForm(), name: ' ops ', webhookUrl: ' https://hooks.example.com/t ', secret: 'sixteen-chars-or-more', slackUrl: 'https://hooks.slack.com/x', host: 'mail' };
    const webhook = channelRequestBody(form);
    expect(webhook).toEqual({ name: 'ops', type: 'webhook', url: 'https://hooks.example.com/t', secret: 'sixteen-chars-or-more' });
    expect(ZChannelCreateSchema.safeParse(webhook).success).toBe(true);
    const slack = channelRequestBody({ ...form, type: 'slack' });
    expect(slack).toEqual({ name: 'ops', type: 'slack', url: 'https://hooks.slack.com/x' });
    expect(ZChannelCreateSchema.safeParse(slack).success).toBe(true);
  });

  it('turns the SMTP recipients into a list and leaves blank optional fields to the server', () => {
    const form = { ...emptyChannelForm(), type: 'smtp' as const, name: 'mail', host: ' smtp.example.com ', port: '', from: 'tandem@example.com', to: 'dba@example.com, sre@example.com,' };
    const body = channelRequestBody(form);
    expect(body).toEqual({ name: 'mail', type: 'smtp', host: 'smtp.example.com', tls: 'starttls', from: 'tandem@example.com', to: ['dba@example.com', 'sre@example.com'] });
    expect(ZChannelCreateSchema.parse(body)).toMatchObject({ port: 587 });
    expect(channelRequestBody({ ...form, port: '465', tls: 'tls', user: 'tandem', password: ' p w ' })).toMatchObject({ port: 465, tls: 'tls', user: 'tandem', password: ' p w ' });
    const ca = '-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJAKHHIgKwA4jV\n-----END CERTIFICATE-----';
    const withCa = channelRequestBody({ ...form, caCertificate: `\n${ca}\n\n` });
    expect(withCa).toMatchObject({ caCertificate: ca });
    expect(ZChannelCreateSchema.safeParse(withCa).success).toBe(true);
    expect(channelRequestBody({ ...form, caCertificate: ' \n' })).not.toHaveProperty('caCertificate');
  });

  it('sends a port that is not a number as typed, so the server names the field', () => {
    const body = channelRequestBody({ ...emptyChannelForm(), type: 'smtp', port: '25x' });
    expect(body.port).toBe('25x');
    const r = ZChannelCreateSchema.safeParse(body);
    expect(r.success ? null : r.error.issues.map((i) => i.path.join('.'))).toContain('port');
  });
});

describe('form values', () => {
  it('reads numbers and lists', () => {
    expect(toNumber(' 12 ')).toBe(12);
    expect(toNumber('1.5')).toBe('1.5');
    expect(splitList(' a, ,b ,')).toEqual(['a', 'b']);
    expect(splitList('')).toEqual([]);
  });

  it('shows a list field\'s first failing entry under the field', () => {
    expect(fieldError({ to: 'needs at least one address' }, 'to')).toBe('needs at least one address');
    expect(fieldError({ 'to.1': 'must be an e-mail address', tops: 'x' }, 'to')).toBe('entry 2 must be an e-mail address');
    expect(fieldError({ 'tops.1': 'x' }, 'to')).toBeUndefined();
  });
});
