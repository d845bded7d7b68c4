import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readUnlessStalled } from './read-unless-stalled';
import { WakeUp } from './wake-up';

const never = () => new AbortController().signal;

/** A read that answers `value` after `ms`, or rejects with the signal's reason when aborted first (as the client's calls do). */
function slowRead(ms: number, value: string, aborted: AbortSignal[] = []) {
  return (signal: AbortSignal) =>
    sleep(ms, value, { signal }).catch(() => {
      aborted.push(signal);
      throw signal.reason;
    });
}

describe('readUnlessStalled', () => {
  it('lets a read finish, however long, when no event arrives', async () => {
    const wake = new WakeUp();
    expect(await readUnlessStalled(slowRead(120, 'task'), wake, 10, never())).toEqual({ value: 'task' });
    expect(await wake.wait(1, never())).toBe('timeout');
  });

  it('lets a read finish within its patience after an event, and keeps the event for the next wait', async () => {
    const wake = new WakeUp();
    setTimeout(() => wake.notify(), 10);
    expect(await readUnlessStalled(slowRead(60, 'task'), wake, 5_000, never())).toEqual({ value: 'task' });
    expect(await wake.wait(1, never())).toBe('event');
  });

  it('gives up a read that hangs past its patience once an event arrived, and keeps the event', async () => {
    const wake = new WakeUp();
    const aborted: AbortSignal[] = [];
    setTimeout(() => wake.notify(), 10);
    const outcome = await readUnlessStalled(slowRead(60_000, 'task', aborted), wake, 50, never());
    expect(outcome).toEqual({ stalled: true });
    expect(aborted).toHaveLength(1);
    expect(await wake.wait(1, never())).toBe('event');
  });

  it('keeps a recheck seen during the read, and lets a later event outrank it', async () => {
    const wake = new WakeUp();
    setTimeout(() => wake.notify('recheck'), 5);
    expect(await readUnlessStalled(slowRead(40, 'a'), wake, 5_000, never())).toEqual({ value: 'a' });
    expect(await wake.wait(1, never())).toBe('recheck');
    setTimeout(() => wake.notify('recheck'), 5);
    setTimeout(() => wake.notify('event'), 15);
    expect(await readUnlessStalled(slowRead(40, 'b'), wake, 5_000, never())).toEqual({ value: 'b' });
    expect(await wake.wait(1, never())).toBe('event');
  });

  it("throws the read's error, and the abort of the caller's signal as such", async () => {
    const wake = new WakeUp();
    const failing = () => Promise.reject(new Error('refused'));
    await expect(readUnlessStalled(failing, wake, 50, never())).rejects.toThrow('refused');
    const caller = new AbortController();
    setTimeout(() => caller.abort(new Error('stop')), 10);
    setTimeout(() => wake.notify(), 1);
    await expect(readUnlessStalled(slowRead(60_000, 'x'), wake, 5_000, caller.signal)).rejects.toThrow(
      'stop',
    );
  });
});
