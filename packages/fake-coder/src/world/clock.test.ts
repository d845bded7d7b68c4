import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';

describe('ManualClock', () => {
  it('runs callbacks in due order and moves time to each one as it runs', () => {
    const clock = new ManualClock(1000);
    const seen: [string, number][] = [];
    clock.schedule(30, () => seen.push(['c', clock.now()]));
    clock.schedule(10, () => seen.push(['a', clock.now()]));
    clock.schedule(10, () => seen.push(['b', clock.now()]));
    expect(clock.advance(20)).toBe(2);
    expect(seen).toEqual([
      ['a', 1010],
      ['b', 1010],
    ]);
    expect(clock.now()).toBe(1020);
    clock.advance(10);
    expect(seen.at(-1)).toEqual(['c', 1030]);
  });

  it('runs chained callbacks with a delay inside the window, but defers zero-delay ones to the next advance', () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    clock.schedule(0, () => {
      seen.push('phase 1');
      clock.schedule(0, () => {
        seen.push('phase 2');
        clock.schedule(5, () => seen.push('phase 3'));
      });
    });
    clock.advance(0);
    expect(seen).toEqual(['phase 1']);
    clock.advance(10);
    expect(seen).toEqual(['phase 1', 'phase 2', 'phase 3']);
  });

  it('cancels, reports what is pending and when it is due, and rejects a bad advance', () => {
    const clock = new ManualClock(0);
    const handle = clock.schedule(50, () => {
      throw new Error('cancelled callbacks must not run');
    });
    clock.schedule(70, () => undefined);
    expect([clock.pending(), clock.nextDue()]).toEqual([2, 50]);
    handle.cancel();
    expect([clock.pending(), clock.nextDue()]).toEqual([1, 70]);
    clock.advance(100);
    expect(clock.pending()).toBe(0);
    expect(() => clock.advance(-1)).toThrow(/finite number of milliseconds >= 0/);
  });
});
