import { describe, expect, it } from 'vitest';
import {
  computeBackoff,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
  resolveRetryPolicy,
  retryDelay,
} from './retry-policy';

const policy = resolveRetryPolicy(undefined);
const noJitter = resolveRetryPolicy({ jitter: 0 });

describe('computeBackoff', () => {
  it.each([
    // retry, random, expected (defaults: 500 ms * 2^retry, capped at 8 s, half of it random)
    [0, 0, 500],
    [0, 0.999, 250],
    [1, 0, 1000],
    [2, 0.5, 1500],
    [3, 0, 4000],
    [4, 0, 8000],
    [10, 0, 8000],
    [10, 1, 4000],
  ])('retry %i with random %d waits %i ms', (retry, random, expected) => {
    expect(computeBackoff(retry, policy, random)).toBe(expected);
  });

  it('has no randomness with jitter 0', () => {
    expect(computeBackoff(2, noJitter, 0.9)).toBe(2000);
  });

  it('spreads over the whole delay with jitter 1', () => {
    const full = resolveRetryPolicy({ jitter: 1 });
    expect(computeBackoff(1, full, 0.25)).toBe(750);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['3', 3000],
    ['0', 0],
    [' 1.5 ', 1500],
    ['Thu, 01 Jan 2026 00:00:10 GMT', 10_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['', undefined],
    ['soon', undefined],
    ['-1', undefined],
  ])('%j → %j', (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });

  it('is undefined when the header is absent', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('uses Retry-After over the backoff', () => {
    expect(retryDelay(0, policy, 2000, 0)).toBe(2000);
  });
  it('gives up when Retry-After is longer than maxRetryAfter', () => {
    expect(retryDelay(0, policy, 61_000, 0)).toBeUndefined();
    expect(retryDelay(0, resolveRetryPolicy({ maxRetryAfter: 120_000 }), 61_000, 0)).toBe(61_000);
  });
  it('falls back to the backoff without Retry-After', () => {
    expect(retryDelay(1, noJitter, undefined, 0)).toBe(1000);
  });
});

describe('resolveRetryPolicy', () => {
  it('fills in the documented defaults', () => {
    expect(policy).toEqual({
      maxRetries: 3,
      initialDelay: 500,
      multiplier: 2,
      maxDelay: 8000,
      jitter: 0.5,
      maxRetryAfter: 60_000,
      statuses: [429, 500, 502, 503, 504],
    });
    expect(Object.isFrozen(DEFAULT_RETRY_POLICY)).toBe(true);
  });
  it('turns false into no retries', () => {
    expect(resolveRetryPolicy(false).maxRetries).toBe(0);
  });
  it('keeps defaults for fields given as undefined', () => {
    expect(resolveRetryPolicy({ maxRetries: undefined, initialDelay: 10 })).toMatchObject({
      maxRetries: 3,
      initialDelay: 10,
    });
  });
  it.each([
    [{ maxRetries: -1 }, /retry.maxRetries must be a finite number >= 0, got -1/],
    [{ initialDelay: Number.NaN }, /retry.initialDelay/],
    [{ jitter: 2 }, /retry.jitter must be between 0 and 1, got 2/],
  ])('rejects %j', (input, message) => {
    expect(() => resolveRetryPolicy(input)).toThrow(message);
  });
});
