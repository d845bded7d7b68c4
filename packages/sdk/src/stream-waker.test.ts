import { describe, expect, it } from 'vitest';
import { HEALTHY_STREAM_MS, provedHealthy, streamBackoff } from './stream-waker';

describe('streamBackoff', () => {
  it.each([
    [1, true, 250],
    [2, true, 500],
    [3, true, 1_000],
    [8, true, 30_000],
    [50, true, 30_000],
    [1, false, 1_000],
    [2, false, 2_000],
    [6, false, 30_000],
  ])('after %i failures in a row, a stream that delivered events: %s → %i ms', (failures, delivered, ms) => {
    expect(streamBackoff(failures, delivered)).toBe(ms);
  });
});

describe('provedHealthy', () => {
  it('counts only a stream that stayed open as long as the longest backoff', () => {
    expect(provedHealthy(HEALTHY_STREAM_MS)).toBe(true);
    // A stream that delivers its event and ends a second later is not healthy, however many events it sent.
    expect(provedHealthy(1_000)).toBe(false);
  });
});
