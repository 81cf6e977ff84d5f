import { describe, expect, it } from 'vitest';
import { NOTIFY_EVENT_KINDS, ZRuleCreateSchema } from '@/lib/notifications/schema';
import { emptyRuleForm, ruleRequestBody, toggled } from './rule-form';

describe('rule form → request body', () => {
  it('defaults to every cluster, warning and 2 s of quiet, which the server accepts', () => {
    const body = ruleRequestBody({ ...emptyRuleForm(), name: ' pager ', events: ['vip-moved'], channels: ['ops'] });
    expect(body).toEqual({ name: 'pager', events: ['vip-moved'], clusters: [], minSeverity: 'warning', quietSeconds: 2, channels: ['ops'] });
    expect(ZRuleCreateSchema.parse(body)).toMatchObject({ clusters: [], enabled: true });
  });

  it('splits clusters on commas and leaves a blank quiet period to the server', () => {
    expect(ruleRequestBody({ ...emptyRuleForm(), clusters: 'lab, prod ,', quietSeconds: ' ' })).toMatchObject({ clusters: ['lab', 'prod'] });
    expect(ruleRequestBody({ ...emptyRuleForm(), quietSeconds: ' ' })).not.toHaveProperty('quietSeconds');
    expect(ruleRequestBody({ ...emptyRuleForm(), quietSeconds: 'soon' }).quietSeconds).toBe('soon');
  });

  it('toggles checkbox values in their listed order', () => {
    const once = toggled(NOTIFY_EVENT_KINDS, [], 'drill-verdict', true);
    const twice = toggled(NOTIFY_EVENT_KINDS, once, 'vip-moved', true);
    expect(twice).toEqual(['vip-moved', 'drill-verdict']);
    expect(toggled(NOTIFY_EVENT_KINDS, twice, 'drill-verdict', false)).toEqual(['vip-moved']);
  });
});
