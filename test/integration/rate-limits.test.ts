import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, recordSignInFailure, resetRateLimits, signInBlockedFor, clearSignInFailures } from '@/lib/auth/rate-limit';
import { resetEnvCache } from '@/lib/env';
import { closeRedis, getRedis } from '@/lib/redis/redis-clients';
import { startRedis, type TRedisServer } from '../support/redis-server';

// The sign-in limits mean the same in memory (one server) and in Redis
// (several): the same scenario runs against both. Redis going away must not
// end the process nor lift the limits: they fall back to memory.
let redis: TRedisServer;

const scenario = async () => {
  await resetRateLimits();
  const t0 = 1_000_000_000_000;
  for (let i = 0; i < LIMITS.perUser - 1; i += 1) await recordSignInFailure('alice', '192.0.2.1', t0 + i);
  expect(await signInBlockedFor('alice', '192.0.2.1', t0 + 10)).toBe(0);
  await recordSignInFailure('alice', '192.0.2.1', t0 + 10);
  // Blocked until the oldest failure leaves the 15-minute window.
  expect(await signInBlockedFor('alice', '192.0.2.7', t0 + 1000)).toBe(15 * 60 - 1);
  expect(await signInBlockedFor('bob', '192.0.2.7', t0 + 1000)).toBe(0);
  expect(await signInBlockedFor('alice', '192.0.2.7', t0 + 15 * 60_000 + 1)).toBe(0);
  await recordSignInFailure('alice', '192.0.2.1', t0 + 20);
  await clearSignInFailures('alice');
  expect(await signInBlockedFor('alice', '192.0.2.1', t0 + 30)).toBe(0);
  // Per address, whatever the names; two failures in one millisecond count twice.
  for (let i = 0; i < LIMITS.perAddress; i += 2) {
    await recordSignInFailure(`n${i}`, '2001:db8:1:2::5', t0 + 100 + i);
    await recordSignInFailure(`n${i + 1}`, '2001:db8:1:2::6', t0 + 100 + i);
  }
  expect(await signInBlockedFor('carol', '2001:db8:1:2::99', t0 + 200)).toBeGreaterThan(0);
  expect(await signInBlockedFor('carol', '2001:db8:1:3::1', t0 + 200)).toBe(0);
};

beforeAll(async () => {
  redis = await startRedis();
});

afterAll(async () => {
  await closeRedis();
  delete process.env.TANDEM_REDIS_URL;
  resetEnvCache();
  await redis.stop();
});

describe('sign-in rate limits', () => {
  it('in memory, without Redis', async () => {
    expect(getRedis()).toBeNull();
    await scenario();
  });

  it('in Redis, with the same meaning', async () => {
    await closeRedis();
    process.env.TANDEM_REDIS_URL = redis.url;
    resetEnvCache();
    const r = getRedis();
    for (let i = 0; i < 40 && !r?.command.isReady; i += 1) await new Promise((res) => setTimeout(res, 50));
    await scenario();
    await recordSignInFailure('dave', '192.0.2.9');
    expect(await r?.command.keys('tandem:signin-failures:*')).toEqual(expect.arrayContaining(['tandem:signin-failures:u:dave', 'tandem:signin-failures:a:192.0.2.9']));
  });

  it('falls back to memory while Redis is down, and back to Redis when it returns', async () => {
    const r = getRedis();
    await redis.stop();
    for (let i = 0; i < 40 && r?.command.isReady; i += 1) await new Promise((res) => setTimeout(res, 50));
    for (let i = 0; i < LIMITS.perUser; i += 1) await recordSignInFailure('erin', '192.0.2.10');
    expect(await signInBlockedFor('erin', '192.0.2.10')).toBeGreaterThan(0);
    await redis.restart();
    for (let i = 0; i < 100 && !r?.command.isReady; i += 1) await new Promise((res) => setTimeout(res, 50));
    expect(r?.command.isReady).toBe(true);
    // The restarted Redis is empty (nothing saved): erin's count was memory's.
    expect(await signInBlockedFor('frank', '192.0.2.11')).toBe(0);
    await recordSignInFailure('frank', '192.0.2.11');
    expect(await r?.command.exists('tandem:signin-failures:u:frank')).toBe(1);
  });
});
