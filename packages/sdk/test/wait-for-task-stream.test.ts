import type { Task } from '@coder-tasks/types';
import { describe, expect, it, vi } from 'vitest';
import { startHarness } from './harness';
import { activeTask, NO_POLLING, quietAgent, streamsOpened, WATCH, watchCount } from './wait-helpers';

// How waitForTask uses the workspace watch stream: waking on its events, surviving its loss (the fake
// cuts it as a dying proxy would), and polling when there is none.

describe('waitForTask: stream and polling', () => {
  const watchPath = (t: Task) => `/api/v2/workspaces/${t.workspace_id}/watch`;

  it('reconnects after the stream drops mid-wait and sees the change on the new stream', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const waiting = h.client.waitForTask(task, { until: 'complete', pollInterval: NO_POLLING });
    await streamsOpened(h, 1);
    expect(h.fake.control.dropWatchStreams(task.workspace_id ?? '')).toBe(1);
    await streamsOpened(h, 2);
    h.fake.control.setAppStatus(task.id, 'complete', 'Done after the drop');
    expect((await waiting).current_state?.message).toBe('Done after the drop');
  });

  it('survives dropWatchStreams() of every stream mid-wait: one reconnect each, changes seen', async () => {
    const h = await startHarness(quietAgent);
    const first = await activeTask(h, 'first');
    const second = await activeTask(h, 'second');
    const waits = [first, second].map((t) =>
      h.client.waitForTask(t, { until: 'idle', pollInterval: NO_POLLING }),
    );
    await streamsOpened(h, 1, watchPath(first));
    await streamsOpened(h, 1, watchPath(second));
    expect(h.fake.control.dropWatchStreams()).toBe(2);
    // Each wait opens a new stream; only it can bring the change, since polling is off for this test.
    await streamsOpened(h, 2, watchPath(first));
    await streamsOpened(h, 2, watchPath(second));
    h.fake.control.setAppStatus(first.id, 'idle', 'First is ready');
    h.fake.control.setAppStatus(second.id, 'idle', 'Second is ready');
    const [a, b] = await Promise.all(waits);
    expect(a?.current_state).toMatchObject({ state: 'idle', message: 'First is ready' });
    expect(b?.current_state).toMatchObject({ state: 'idle', message: 'Second is ready' });
    // One stream before the drop and one after, per wait: a single reconnect, no storm, nothing refused.
    for (const t of [first, second])
      expect(h.requestsTo(watchPath(t)).map((r) => r.status)).toEqual([200, 200]);
  });

  it('falls back to polling while the stream cannot be reopened', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const waiting = h.client.waitForTask(task, { until: 'complete', pollInterval: 50 });
    await streamsOpened(h, 1);
    h.fake.control.faults.inject({ kind: 'status', status: 503, route: WATCH });
    expect(h.fake.control.dropWatchStreams(task.workspace_id ?? '')).toBe(1);
    // It keeps trying to reopen the stream (refused twice here) and polls meanwhile.
    const refused = () => h.requestsTo(WATCH).filter((r) => r.status === 503).length;
    await vi.waitFor(() => expect(refused()).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    const reads = h.requestsTo(`/api/v2/tasks/me/${task.id}`).length;
    await vi.waitFor(() => expect(h.requestsTo(`/api/v2/tasks/me/${task.id}`).length).toBeGreaterThan(reads));
    h.fake.control.setAppStatus(task.id, 'complete', 'Seen by polling');
    expect((await waiting).current_state?.message).toBe('Seen by polling');
  });

  it('stops asking for a stream the server does not serve, and polls', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    h.fake.control.faults.inject({
      kind: 'status',
      status: 404,
      route: WATCH,
      body: { message: 'Route not found.' },
    });
    const waiting = h.client.waitForTask(task, { until: 'complete', pollInterval: 50 });
    await vi.waitFor(() => expect(h.requestsTo(`/api/v2/tasks/me/${task.id}`).length).toBeGreaterThan(4));
    h.fake.control.setAppStatus(task.id, 'complete', 'Polled');
    expect((await waiting).current_state?.message).toBe('Polled');
    expect(h.requestsTo(WATCH)).toHaveLength(1);
  });

  it('only polls with watch: false', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const waiting = h.client.waitForTask(task, { until: 'idle', watch: false, pollInterval: 50 });
    await vi.waitFor(() => expect(h.requestsTo(`/api/v2/tasks/me/${task.id}`).length).toBeGreaterThan(2));
    h.fake.control.setAppStatus(task.id, 'idle', 'Ready');
    expect((await waiting).current_state?.state).toBe('idle');
    expect(h.requestsTo(WATCH)).toHaveLength(0);
  });

  it('calls onChange once per real change, not per event or read', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const changes: string[] = [];
    const waiting = h.client.waitForTask(task, {
      until: 'complete',
      pollInterval: NO_POLLING,
      onChange: (t) => changes.push(`${t.current_state?.state}:${t.current_state?.message}`),
    });
    await watchCount(h, 1);
    // Events that change nothing the task shows: a second health report of the same app.
    h.fake.control.setAppHealth(task.id, 'healthy');
    h.fake.control.setAppStatus(task.id, 'working', 'one');
    await vi.waitFor(() => expect(changes).toEqual(['working:one']));
    h.fake.control.setAppStatus(task.id, 'complete', 'two');
    await waiting;
    expect(changes).toEqual(['working:one', 'complete:two']);
    const reads = h.requestsTo(`/api/v2/tasks/me/${task.id}`).length;
    expect(reads).toBeGreaterThanOrEqual(3);
  });
});
