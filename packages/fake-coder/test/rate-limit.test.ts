import { describe, expect, it } from 'vitest';
import { call, withFake } from './helpers';

describe('rate limiting (off by default)', () => {
  it('answers 429 past the limit per user and endpoint, until the minute passes on the fake clock', async () => {
    await withFake({ clock: 'manual', rateLimit: 3 }, async (fake) => {
      const me = () => call(fake, 'GET', '/api/v2/users/me', { token: fake.tokens.member });
      for (let i = 0; i < 3; i++) expect((await me()).status).toBe(200);
      const limited = await me();
      expect(limited.status).toBe(429);
      expect(limited.json).toEqual({
        message: "You've been rate limited for sending more than 3 requests in 1m0s.",
      });
      expect(limited.headers.get('retry-after')).toBe('60');
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      // Another endpoint, another user, and an owner's bypass are counted apart.
      expect((await call(fake, 'GET', '/api/v2/buildinfo', { token: fake.tokens.member })).status).toBe(200);
      expect((await call(fake, 'GET', '/api/v2/users/me')).status).toBe(200);
      fake.control.setRateLimit(1);
      expect((await call(fake, 'GET', '/api/v2/users/me')).status).toBe(200);
      const bypass = await call(fake, 'GET', '/api/v2/users/me', {
        headers: { 'X-Coder-Bypass-Ratelimit': 'true' },
      });
      expect(bypass.status).toBe(200);
      fake.control.setRateLimit(3);
      for (let i = 0; i < 3; i++) await me();
      expect((await me()).status).toBe(429);
      fake.control.clock.advance(60_000);
      expect((await me()).status).toBe(200);
    });
  });

  it('never limits when off', async () => {
    await withFake({}, async (fake) => {
      const statuses = await Promise.all(
        Array.from({ length: 600 }, () => call(fake, 'GET', '/api/v2/buildinfo').then((r) => r.status)),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
    });
  });
});
