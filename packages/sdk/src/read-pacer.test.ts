import { describe, expect, it } from 'vitest';
import { ReadPacer } from './read-pacer';

describe('ReadPacer', () => {
  it('lets a burst through at once, then one read per gap', () => {
    const pacer = new ReadPacer(1_000, 3, 0);
    expect([pacer.take(0), pacer.take(0), pacer.take(0)]).toEqual([0, 0, 0]);
    expect(pacer.take(0)).toBe(1_000);
    // The one that waited used the token that came back meanwhile.
    expect(pacer.take(1_000)).toBe(1_000);
    expect(pacer.take(2_000)).toBe(1_000);
  });

  it('refills while nothing is read, but never above the burst', () => {
    const pacer = new ReadPacer(500, 2, 0);
    pacer.take(0);
    pacer.take(0);
    expect(pacer.take(60_000)).toBe(0);
    expect(pacer.take(60_000)).toBe(0);
    expect(pacer.take(60_000)).toBe(500);
  });

  it('holds a flood of wake-ups to one read per gap on average', () => {
    const pacer = new ReadPacer(1_000, 3, 0);
    let now = 0;
    let reads = 0;
    while (now < 60_000) {
      now += pacer.take(now);
      reads++;
    }
    expect(reads).toBeLessThanOrEqual(60 + 3);
  });
});
