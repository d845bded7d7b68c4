import { describe, expect, it, vi } from 'vitest';
import { startHarness } from './harness';
import { activeTask, quietAgent, streamsOpened } from './wait-helpers';

// A read whose answer stops halfway (a proxy that keeps the client's connection open after its upstream
// was reset) must not hold the wait until the client's per-attempt timeout while the watch stream already
// announced the change.

/** A read of the task that sends its headers and a few bytes, then nothing for a minute. */
const STALL = {
  kind: 'trickle',
  route: '/api/v2/tasks/{user}/{task}',
  method: 'GET',
  chunkBytes: 8,
  intervalMs: 60_000,
} as const;

describe('waitForTask: a read stalled mid-body', () => {
  it('gives up a stalled read when the stream announces a change, and reads again', async () => {
    // The client would sit on the stalled read for ten minutes; the wait's own limit is far shorter.
    const h = await startHarness(quietAgent, { timeout: 600_000 });
    const task = await activeTask(h);
    const path = `/api/v2/tasks/me/${task.id}`;
    const waiting = h.client.waitForTask(task, { until: 'complete', pollInterval: 200, timeout: 20_000 });
    await streamsOpened(h, 1);
    // The first read, then the one the stream's first event brings.
    await vi.waitFor(() => expect(h.requestsTo(path).length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    const before = h.requestsTo(path).length;
    // The next read hangs after a few bytes.
    h.fake.control.faults.inject({ ...STALL, times: 1 });
    h.fake.control.setAppStatus(task.id, 'working', 'Starting');
    await vi.waitFor(() => expect(h.requestsTo(path).length).toBeGreaterThan(before), { timeout: 10_000 });
    // The change arrives on the stream while that read hangs.
    h.fake.control.setAppStatus(task.id, 'complete', 'Done while a read hung');
    const done = await waiting;
    expect(done.current_state).toMatchObject({ state: 'complete', message: 'Done while a read hung' });
    // One read stalled; the wait asked again instead of waiting it out.
    expect(h.requestsTo(path).length).toBeGreaterThan(before + 1);
  }, 30_000);

  it('watches the workspace of the task passed in from the start, so even a stalled first read is given up', async () => {
    const h = await startHarness(quietAgent, { timeout: 600_000 });
    const task = await activeTask(h);
    const path = `/api/v2/tasks/me/${task.id}`;
    const before = h.requestsTo(path).length;
    // The wait's very first read hangs after a few bytes.
    h.fake.control.faults.inject({ ...STALL, times: 1 });
    const waiting = h.client.waitForTask(task, { until: 'complete', pollInterval: 200, timeout: 20_000 });
    await vi.waitFor(() => expect(h.requestsTo(path).length).toBeGreaterThan(before), { timeout: 10_000 });
    await streamsOpened(h, 1);
    h.fake.control.setAppStatus(task.id, 'complete', 'Done while the first read hung');
    const done = await waiting;
    expect(done.current_state).toMatchObject({
      state: 'complete',
      message: 'Done while the first read hung',
    });
    expect(h.requestsTo(path).length).toBeGreaterThan(before + 1);
  }, 30_000);
});
