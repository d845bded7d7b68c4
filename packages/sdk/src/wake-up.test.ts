import { describe, expect, it } from 'vitest';
import { WakeUp } from './wake-up';

const never = () => new AbortController().signal;

describe('WakeUp', () => {
  it('keeps a notification that came before the wait', async () => {
    const wake = new WakeUp();
    wake.notify();
    wake.notify();
    expect(await wake.wait(Number.POSITIVE_INFINITY, never())).toBe('event');
    // A burst is one wake-up: the next wait times out.
    expect(await wake.wait(1, never())).toBe('timeout');
  });
  it('wakes a pending wait', async () => {
    const wake = new WakeUp();
    const waiting = wake.wait(Number.POSITIVE_INFINITY, never());
    wake.notify();
    expect(await waiting).toBe('event');
  });
  it('tells a recheck from an event, and lets an event outrank a recheck beside it', async () => {
    const wake = new WakeUp();
    const waiting = wake.wait(Number.POSITIVE_INFINITY, never());
    wake.notify('recheck');
    expect(await waiting).toBe('recheck');
    wake.notify('event');
    wake.notify('recheck');
    expect(await wake.wait(1, never())).toBe('event');
    expect(await wake.wait(1, never())).toBe('timeout');
  });
  it('forgets a pending notification on clear()', async () => {
    const wake = new WakeUp();
    wake.notify();
    wake.clear();
    expect(await wake.wait(1, never())).toBe('timeout');
  });
  it('waits for an event on a delay too long for a Node timer (which would fire at once)', async () => {
    const wake = new WakeUp();
    const waiting = wake.wait(10_000_000_000, never());
    await new Promise((resolve) => setTimeout(resolve, 50));
    wake.notify();
    expect(await waiting).toBe('event');
  });
  it('rejects with the abort reason', async () => {
    const wake = new WakeUp();
    const controller = new AbortController();
    const waiting = wake.wait(Number.POSITIVE_INFINITY, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
