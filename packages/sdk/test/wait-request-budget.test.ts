import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { startHarness, templateVersionId } from './harness';
import { activeTask, NO_POLLING, quietAgent, streamsOpened, WATCH } from './wait-helpers';

// How a wait copes when the network and the stream do not help: it never reads faster than its poll
// interval, a stream that keeps ending backs off rather than being reopened at once, and unreadable
// answers do not end it.

describe('waitForTask: request budget', () => {
  it('polls at its interval, not in a hot loop, while the task has no workspace yet', async () => {
    const h = await startHarness(quietAgent);
    const created = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'x',
      name: 'late-workspace',
    });
    await h.fake.control.waitForTask(created.id, 'active');
    const json = h.fake.control.task(created.id)?.json ?? {};
    const path = `/api/v2/tasks/me/${created.id}`;
    // A task read right after its create, before the server linked a workspace to it.
    const noWorkspace = {
      ...json,
      status: 'pending',
      workspace_id: null,
      workspace_agent_id: null,
      workspace_agent_lifecycle: null,
      workspace_agent_health: null,
      workspace_app_id: null,
      current_state: null,
    };
    const fault = h.fake.control.faults.inject({
      kind: 'status',
      status: 200,
      route: path,
      body: noWorkspace,
    });
    const started = performance.now();
    const waiting = h.client.waitForTask(created.id, { until: 'active', pollInterval: 500 });
    await sleep(2_500);
    const readsWithout = h.requestsTo(path).length;
    const elapsed = performance.now() - started;
    fault.remove();
    const task = await waiting;
    expect(task.status).toBe('active');
    // One read at the start, then one per interval at most (the interval also grows when nothing changes).
    expect(readsWithout).toBeGreaterThanOrEqual(2);
    expect(readsWithout).toBeLessThanOrEqual(Math.floor(elapsed / 500) + 1);
  });

  it('backs off a stream that ends after each event (250 ms doubling) and polls at its interval', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const path = `/api/v2/tasks/me/${task.id}`;
    h.fake.control.faults.inject({ kind: 'resetMidResponse', route: WATCH });
    const readsBefore = h.requestsTo(path).length;
    const started = performance.now();
    const waiting = h.client.waitForTask(task, { until: 'complete', pollInterval: 1_000 });
    await streamsOpened(h, 1);
    await sleep(4_000);
    const elapsed = performance.now() - started;
    const watches = h.requestsTo(WATCH).map((r) => r.receivedAt);
    const reads = h.requestsTo(path).length - readsBefore;
    h.fake.control.setAppStatus(task.id, 'complete', 'Done despite the flapping stream');
    expect((await waiting).current_state?.message).toBe('Done despite the flapping stream');
    // Reconnects at +250, +500, +1000, +2000 ms: each gap at least the documented backoff (a slow
    // machine only makes them longer), so at most 5 streams in 4 s rather than one every 250 ms.
    const gaps = watches.slice(1).map((at, i) => at - (watches[i] ?? 0));
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(250 * 2 ** i - 25);
    expect(watches.length).toBeLessThanOrEqual(5);
    // Each stream's one event and the polls together stay within one read per interval, after the
    // documented burst of three.
    expect(reads).toBeLessThanOrEqual(Math.floor(elapsed / 1_000) + 3);
  });

  it('reads at most once per 2 s on average however fast the stream sends events', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const path = `/api/v2/tasks/me/${task.id}`;
    const readsBefore = h.requestsTo(path).length;
    const started = performance.now();
    const waiting = h.client.waitForTask(task, { until: 'complete', pollInterval: NO_POLLING });
    await streamsOpened(h, 1);
    // An agent that reports a new status every 50 ms: every report is a real change and an event.
    for (let i = 0; i < 60; i++) {
      h.fake.control.setAppStatus(task.id, 'working', `step ${i}`);
      await sleep(50);
    }
    const elapsed = performance.now() - started;
    const reads = h.requestsTo(path).length - readsBefore;
    h.fake.control.setAppStatus(task.id, 'complete', 'Done');
    expect((await waiting).current_state?.message).toBe('Done');
    // A burst of three, then one per 2 s: about 4 in 3 s rather than one per event.
    expect(reads).toBeLessThanOrEqual(3 + Math.ceil(elapsed / 2_000));
  });

  it('asks again for a refused stream after 1 s, doubling, and polls meanwhile', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    h.fake.control.faults.inject({ kind: 'status', status: 503, route: WATCH });
    const waiting = h.client.waitForTask(task, { until: 'complete', pollInterval: 1_000 });
    await sleep(4_000);
    const refused = h.requestsTo(WATCH).map((r) => r.receivedAt);
    h.fake.control.setAppStatus(task.id, 'complete', 'Seen by polling');
    expect((await waiting).current_state?.message).toBe('Seen by polling');
    // Refused at 0, then asked again after 1 s and 2 s: three in 4 s, not one every 250 ms.
    const gaps = refused.slice(1).map((at, i) => at - (refused[i] ?? 0));
    for (const [i, gap] of gaps.entries()) expect(gap).toBeGreaterThanOrEqual(1_000 * 2 ** i - 25);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeLessThanOrEqual(3);
  });

  it.each([
    ['truncated JSON', 'truncatedJson' as const],
    ['an HTML page', 'html' as const],
  ])('goes on waiting through 200 answers of %s to its reads of the task', async (_name, kind) => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const path = `/api/v2/tasks/me/${task.id}`;
    // More bad answers in a row than one read's retries (3): the wait itself must take it as transient.
    h.fake.control.faults.inject({ kind, route: path, method: 'GET', times: 6 });
    const waiting = h.client.waitForTask(task, { until: 'complete', watch: false, pollInterval: 50 });
    await vi.waitFor(() => expect(h.requestsTo(path).length).toBeGreaterThan(6), { timeout: 10_000 });
    h.fake.control.setAppStatus(task.id, 'complete', 'Done after the bad answers');
    expect((await waiting).current_state?.message).toBe('Done after the bad answers');
  });
});
