import { describe, expect, it, vi } from 'vitest';
import {
  CoderAbortError,
  CoderApiError,
  CoderClient,
  CoderConnectionError,
  CoderTimeoutError,
} from '../src/index';
import { idleTask, startHarness, TASKS } from './harness';

describe('retries', () => {
  it.each([500, 502, 503, 504])('repeats a read after %i', async (status) => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'status', route: TASKS, status, times: 2 });
    await expect(h.client.listTasks()).resolves.toEqual([]);
    expect(h.requestsTo(TASKS).map((r) => r.status)).toEqual([status, status, 200]);
  });

  it('gives up after maxRetries, and a call can ask for fewer', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'status', route: TASKS, status: 503 });
    await expect(h.client.listTasks()).rejects.toMatchObject({ status: 503, kind: 'server' });
    expect(h.requestsTo(TASKS)).toHaveLength(4);
    await expect(h.client.listTasks(undefined, { retries: 0 })).rejects.toBeInstanceOf(CoderApiError);
    expect(h.requestsTo(TASKS)).toHaveLength(5);
    for (const retries of [-1, 1.5, Number.NaN]) {
      await expect(h.client.listTasks(undefined, { retries })).rejects.toThrow(
        `\`retries\` must be a whole number >= 0, got ${retries}`,
      );
    }
    expect(h.requestsTo(TASKS)).toHaveLength(5);
  });

  it('does not repeat a 4xx', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'status', route: TASKS, status: 400, times: 1 });
    await expect(h.client.listTasks()).rejects.toMatchObject({ status: 400 });
    expect(h.requestsTo(TASKS)).toHaveLength(1);
  });

  it('never repeats a send after 500: coderd may have failed after acting on it', async () => {
    const h = await startHarness({ defaultAgentScript: { answerInitialPrompt: false } });
    const task = await idleTask(h, 'five-hundred');
    const send = `/api/v2/tasks/me/${task.id}/send`;
    h.fake.control.faults.inject({ kind: 'status', route: send, status: 500, times: 1 });
    await expect(h.client.sendTaskInput('me', task.id, 'once')).rejects.toMatchObject({ status: 500 });
    expect(h.requestsTo(send)).toHaveLength(1);
  });

  it('honours Retry-After on 429', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'rateLimit', route: TASKS, retryAfter: 1, times: 1 });
    await expect(h.client.listTasks()).resolves.toEqual([]);
    const [limited, ok] = h.requestsTo(TASKS);
    expect([limited?.status, ok?.status]).toEqual([429, 200]);
    // A lower bound only: the client must not come back before the server said it may.
    expect((ok?.receivedAt ?? 0) - (limited?.receivedAt ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('throws at once when Retry-After is longer than maxRetryAfter', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'rateLimit', route: TASKS, retryAfter: 3600 });
    const error = await h.client.listTasks().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, kind: 'rate_limited', retryAfterMs: 3_600_000 });
    expect((error as Error).message).toContain("You've been rate limited");
    expect(h.requestsTo(TASKS)).toHaveLength(1);
  });

  it('repeats a send after 429 (nothing was done) but never after 502', async () => {
    const h = await startHarness({ defaultAgentScript: { answerInitialPrompt: false } });
    const task = await idleTask(h, 'r');
    const send = `/api/v2/tasks/me/${task.id}/send`;
    h.fake.control.faults.inject({ kind: 'rateLimit', route: send, retryAfter: 0, times: 1 });
    await h.client.sendTaskInput('me', task.id, 'one');
    expect(h.requestsTo(send).map((r) => r.status)).toEqual([429, 204]);
    h.fake.control.faults.inject({ kind: 'status', route: send, status: 502, times: 1 });
    await expect(h.client.sendTaskInput('me', task.id, 'two')).rejects.toMatchObject({ status: 502 });
    expect(h.requestsTo(send)).toHaveLength(3);
  });

  it('repeats a read whose connection was reset, before or during the answer', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'resetBeforeResponse', route: TASKS, times: 1 });
    h.fake.control.faults.inject({ kind: 'resetMidResponse', route: '/api/v2/users/me', times: 1 });
    await expect(h.client.listTasks()).resolves.toEqual([]);
    await expect(h.client.me()).resolves.toMatchObject({ username: 'admin' });
    expect(h.requestsTo(TASKS)).toHaveLength(2);
    expect(h.requestsTo('/api/v2/users/me')).toHaveLength(2);
  });

  it('never repeats a send whose connection was reset after the server acted on it', async () => {
    const h = await startHarness({ defaultAgentScript: { answerInitialPrompt: false } });
    const task = await idleTask(h, 'z');
    const send = `/api/v2/tasks/me/${task.id}/send`;
    h.fake.control.faults.inject({ kind: 'resetBeforeResponse', route: send, afterHandler: true, times: 1 });
    const error = await h.client.sendTaskInput('me', task.id, 'once').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderConnectionError);
    expect(h.requestsTo(send)).toHaveLength(1);
    expect(h.fake.control.task(task.id)?.messages.filter((m) => m.content === 'once')).toHaveLength(1);
  });

  it('repeats even a send when the connection was refused (nothing left this machine)', async () => {
    const h = await startHarness();
    const url = h.fake.url;
    await h.fake.close();
    const client = new CoderClient({ url, token: 'x', retry: { initialDelay: 1, maxRetries: 2 } });
    const error = await client.sendTaskInput('me', 'a', 'b').catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(CoderConnectionError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', method: 'POST' });
    expect((error as Error).message).toMatch(
      /^POST http:\/\/127\.0\.0\.1:\d+\/api\/v2\/tasks\/me\/a\/send: could not reach the Coder server \(ECONNREFUSED\)/,
    );
  });
});

describe('abort and timeout', () => {
  it('aborts a call in flight and does not retry it', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'latency', ms: 10_000, route: TASKS });
    const controller = new AbortController();
    const pending = h.client.listTasks(undefined, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(h.requestsTo(TASKS)).toHaveLength(1));
    controller.abort(new Error('user gave up'));
    const error = await pending;
    expect(error).toBeInstanceOf(CoderAbortError);
    expect((error as Error).message).toBe(`GET ${h.fake.url}/api/v2/tasks?q=: aborted by the caller`);
    expect((error as Error).cause).toEqual(new Error('user gave up'));
    expect(h.requestsTo(TASKS)).toHaveLength(1);
  });

  it('sends nothing with an aborted signal', async () => {
    const h = await startHarness();
    await expect(h.client.me({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CoderAbortError);
    expect(h.fake.requests).toHaveLength(0);
  });

  it('aborts during the backoff between attempts', async () => {
    const h = await startHarness({}, { retry: { initialDelay: 60_000, jitter: 0 } });
    h.fake.control.faults.inject({ kind: 'status', status: 503, route: TASKS });
    const controller = new AbortController();
    const pending = h.client.listTasks(undefined, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.waitFor(() => expect(h.requestsTo(TASKS)).toHaveLength(1));
    controller.abort();
    expect(await pending).toBeInstanceOf(CoderAbortError);
  });

  it('times out a slow attempt, and retries a read that timed out', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'latency', ms: 3_000, route: TASKS, times: 1 });
    const error = await h.client.listTasks(undefined, { timeout: 100, retries: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, method: 'GET' });
    h.fake.control.faults.inject({ kind: 'latency', ms: 10_000, route: TASKS, times: 1 });
    await expect(h.client.listTasks(undefined, { timeout: 2_000 })).resolves.toEqual([]);
    expect(h.requestsTo(TASKS)).toHaveLength(3);
  });

  it('times out a body that trickles in too slowly', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({
      kind: 'trickle',
      chunkBytes: 1,
      intervalMs: 100,
      route: '/api/v2/users/me',
    });
    await expect(h.client.me({ timeout: 300, retries: 0 })).rejects.toBeInstanceOf(CoderTimeoutError);
  });
});
