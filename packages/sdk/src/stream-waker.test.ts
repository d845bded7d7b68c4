import { describe, expect, it } from 'vitest';
import { HEALTHY_STREAM_MS, provedHealthy, streamBackoff } from './stream-waker';

describe('streamBackoff', () => {
  it.each([
    [1, 250],
    [2, 500],
    [3, 1_000],
    [8, 30_000],
    [50, 30_000],
  ])('waits %i failures in a row → %i ms', (failures, ms) => {
    expect(streamBackoff(failures)).toBe(ms);
  });
});

describe('provedHealthy', () => {
  it('counts only a stream that stayed open as long as the longest backoff', () => {
    expect(provedHealthy(HEALTHY_STREAM_MS)).toBe(true);
    // A stream that delivers its event and ends a second later is not healthy, however many events it sent.
    expect(provedHealthy(1_000)).toBe(false);
  });
});
