import { describe, expect, it } from 'vitest';
import { WakeUp } from './wake-up';

describe('WakeUp', () => {
  it('keeps a notification that came before the wait', async () => {
    const wake = new WakeUp();
    wake.notify();
    wake.notify();
    expect(await wake.wait(Number.POSITIVE_INFINITY, new AbortController().signal)).toBe(true);
    // A burst is one wake-up: the next wait times out.
    expect(await wake.wait(1, new AbortController().signal)).toBe(false);
  });
  it('wakes a pending wait', async () => {
    const wake = new WakeUp();
    const waiting = wake.wait(Number.POSITIVE_INFINITY, new AbortController().signal);
    wake.notify();
    expect(await waiting).toBe(true);
  });
  it('waits for an event on a delay too long for a Node timer (which would fire at once)', async () => {
    const wake = new WakeUp();
    const waiting = wake.wait(10_000_000_000, new AbortController().signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    wake.notify();
    expect(await waiting).toBe(true);
  });
  it('rejects with the abort reason', async () => {
    const wake = new WakeUp();
    const controller = new AbortController();
    const waiting = wake.wait(Number.POSITIVE_INFINITY, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });
});
