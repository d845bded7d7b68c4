import { describe, expect, it, vi } from 'vitest';
import {
  CoderAbortError,
  CoderConnectionError,
  TaskFailedError,
  TaskPausedError,
  TaskWaitTimeoutError,
} from '../src/index';
import { startHarness, templateVersionId } from './harness';
import { activeTask, NO_POLLING, quietAgent, WATCH, watchCount } from './wait-helpers';

describe('waitForTask: until', () => {
  it("'active' follows a new task through pending and initializing", async () => {
    const h = await startHarness({ durations: { buildRunning: 150, agentStarting: 150 }, ...quietAgent });
    const created = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'x',
      name: 'a',
    });
    const statuses: string[] = [];
    const task = await h.client.waitForTask(created, {
      until: 'active',
      pollInterval: NO_POLLING,
      onChange: (t) => statuses.push(t.status),
    });
    expect(task.status).toBe('active');
    expect(statuses.at(-1)).toBe('active');
    expect(statuses).toContain('initializing');
    expect(h.requestsTo(WATCH).length).toBeGreaterThanOrEqual(1);
  });

  it("'complete' ends on the agent's complete report, seen through the stream", async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const states: (string | undefined)[] = [];
    const waiting = h.client.waitForTask(task, {
      until: 'complete',
      pollInterval: NO_POLLING,
      onChange: (t) => states.push(t.current_state?.state),
    });
    await watchCount(h, 1);
    h.fake.control.setAppStatus(task.id, 'working', 'Reading code');
    await vi.waitFor(() => expect(states).toEqual(['working']));
    h.fake.control.setAppStatus(task.id, 'complete', 'All done');
    const done = await waiting;
    expect(done.current_state).toMatchObject({ state: 'complete', message: 'All done' });
    expect(states).toEqual(['working', 'complete']);
  });

  it("'complete' also ends on a failure report", async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const waiting = h.client.waitForTask(task.id, { until: 'complete', pollInterval: NO_POLLING });
    await watchCount(h, 1);
    h.fake.control.setAppStatus(task.id, 'failure', 'Tests still fail');
    expect((await waiting).current_state).toMatchObject({ state: 'failed', message: 'Tests still fail' });
  });

  it("'idle' waits past working for a stable agent", async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const seen: string[] = [];
    const waiting = h.client.waitForTask('admin/wait', {
      until: 'idle',
      pollInterval: NO_POLLING,
      onChange: (t) => seen.push(t.current_state?.state ?? 'none'),
    });
    await watchCount(h, 1);
    h.fake.control.setAppStatus(task.id, 'working', 'Thinking');
    await vi.waitFor(() => expect(seen).toContain('working'));
    h.fake.control.setAppStatus(task.id, 'idle', 'Waiting for input');
    expect((await waiting).current_state?.state).toBe('idle');
    expect(seen).toEqual(['none', 'working', 'idle']);
  });

  it('a predicate decides, and may accept a paused task', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const waiting = h.client.waitForTask(task, {
      until: (t) => t.status === 'paused',
      pollInterval: NO_POLLING,
    });
    await watchCount(h, 1);
    await h.client.pauseTask('me', task.id);
    expect((await waiting).status).toBe('paused');
  });

  it('does not count the synthesized working state of an initializing task', async () => {
    const h = await startHarness({ clock: 'manual', durations: { agentStarting: 60_000 }, ...quietAgent });
    const created = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'x',
      name: 'syn',
    });
    await h.fake.control.waitForTask(created.id, (t) => t.currentState?.message === 'Agent is starting');
    const initializing = await h.client.getTask(created.id);
    for (const until of ['idle', 'complete', 'active'] as const) {
      const error = await h.client
        .waitForTask(initializing, { until, timeout: 300, pollInterval: 50 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TaskWaitTimeoutError);
      const last = (error as TaskWaitTimeoutError).lastTask;
      expect(last.status).toBe('initializing');
      expect(last.current_state).toMatchObject({ state: 'working', message: 'Agent is starting' });
    }
  });

  it('rejects an unknown until', async () => {
    const h = await startHarness();
    await expect(h.client.waitForTask('x', { until: 'done' as never })).rejects.toThrow(
      "waitForTask: `until` must be 'active', 'complete', 'idle' or a function, got done",
    );
  });
});

describe('waitForTask: how it ends', () => {
  it('throws TaskFailedError with the failing build job error', async () => {
    const h = await startHarness(quietAgent);
    h.fake.control.failNextBuild({ error: 'terraform apply: quota exceeded' });
    const created = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'x',
      name: 'f',
    });
    const error = await h.client
      .waitForTask(created, { until: 'active', pollInterval: NO_POLLING })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect(error).toMatchObject({
      buildError: 'terraform apply: quota exceeded',
      task: { status: 'error', id: created.id },
    });
    expect((error as Error).message).toBe(
      `task admin/f (${created.id}) is in status "error": the build failed: terraform apply: quota exceeded`,
    );
  });

  it('throws TaskPausedError when the task is paused mid-wait', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const waiting = h.client
      .waitForTask(task, { until: 'complete', pollInterval: NO_POLLING })
      .catch((e: unknown) => e);
    await watchCount(h, 1);
    await h.client.pauseTask('me', task.id);
    const error = await waiting;
    expect(error).toBeInstanceOf(TaskPausedError);
    expect((error as TaskPausedError).task.status).toBe('paused');
  });

  it('throws TaskWaitTimeoutError carrying the last task seen', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const waiting = h.client.waitForTask(task, { until: 'complete', timeout: 400 }).catch((e: unknown) => e);
    await watchCount(h, 1);
    h.fake.control.setAppStatus(task.id, 'working', 'Still going');
    const error = await waiting;
    expect(error).toBeInstanceOf(TaskWaitTimeoutError);
    expect((error as TaskWaitTimeoutError).lastTask).toMatchObject({ id: task.id, status: 'active' });
    expect((error as Error).message).toContain(
      'did not become complete (the agent reporting complete or failed) within 400 ms',
    );
  });

  it('ends with CoderAbortError when the caller aborts, and closes the stream', async () => {
    const h = await startHarness(quietAgent);
    const task = await activeTask(h);
    const controller = new AbortController();
    const waiting = h.client
      .waitForTask(task, { until: 'complete', signal: controller.signal })
      .catch((e: unknown) => e);
    await watchCount(h, 1);
    controller.abort();
    expect(await waiting).toBeInstanceOf(CoderAbortError);
  });
});

describe('waitForTask: never reading the task', () => {
  it('throws the last connection error, not a bare timeout, when the server never answers', async () => {
    const h = await startHarness();
    const url = h.fake.url;
    await h.fake.close();
    const client = h.clientWith({ url, retry: false });
    const error = await client
      .waitForTask('admin/x', { until: 'active', timeout: 300, pollInterval: 20 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('rejects a timeout that is not a positive number, and waits without limit on Infinity', async () => {
    const h = await startHarness(quietAgent);
    await expect(h.client.waitForTask('x', { until: 'active', timeout: 0 })).rejects.toThrow(
      'waitForTask: `timeout` must be a number of ms > 0, got 0',
    );
    const task = await activeTask(h);
    await expect(
      h.client.waitForTask(task, { until: 'active', timeout: Number.POSITIVE_INFINITY }),
    ).resolves.toMatchObject({
      status: 'active',
    });
  });
});
