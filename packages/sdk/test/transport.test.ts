import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { Agent } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import {
  CoderAbortError,
  CoderApiError,
  CoderClient,
  CoderConnectionError,
  CoderResponseFormatError,
  CoderTimeoutError,
  SDK_VERSION,
} from '../src/index';
import { idleTask, startHarness, templateVersionId } from './harness';
import { startTcpProxy } from './tcp-proxy';

const TASKS = '/api/v2/tasks';

describe('the wire', () => {
  it('sends the token header, a versioned User-Agent and JSON headers', async () => {
    const h = await startHarness({}, { userAgent: 'my-bot/1.2' });
    await h.client.createTask('me', { template_version_id: templateVersionId(h), input: 'x' });
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(SDK_VERSION).toBe(pkg.version);
    const [post] = h.fake.requests;
    expect(post?.user).toBe('admin');
    expect(post?.headers).toMatchObject({
      'user-agent': `my-bot/1.2 coder-tasks-sdk/${pkg.version}`,
      'content-type': 'application/json',
      accept: 'application/json',
    });
    await h.clientWith({}).buildInfo();
    expect(h.fake.requests[1]?.headers['user-agent']).toBe(`coder-tasks-sdk/${pkg.version}`);
  });

  it('keeps one connection alive across calls, and leaves an injected dispatcher open', async () => {
    const h = await startHarness();
    const proxy = await startTcpProxy(h.fake.url);
    const own = h.clientWith({ url: proxy.url });
    for (let i = 0; i < 20; i++) await own.me();
    // undici may open a second socket while the first is being returned to the pool; without keep-alive
    // this would be 20.
    expect(proxy.connections).toBeLessThanOrEqual(2);
    const before = proxy.connections;
    const agent = new Agent();
    const injected = h.clientWith({ url: proxy.url, dispatcher: agent });
    await injected.me();
    await injected.close();
    await expect(injected.me()).resolves.toMatchObject({ username: 'admin' });
    expect(proxy.connections).toBeGreaterThan(before);
    await agent.close();
  });

  it('rejects bad options with errors that say what to pass', () => {
    expect(() => new CoderClient({ url: 'coder.example.com', token: 't' })).toThrow(
      'CoderClient: `url` must be an absolute http(s) URL such as https://coder.example.com, got "coder.example.com"',
    );
    expect(() => new CoderClient({ url: 'ftp://x', token: 't' })).toThrow('must use http or https, got ftp:');
    expect(() => new CoderClient({ url: 'https://u:p@x', token: 't' })).toThrow('must not carry credentials');
    expect(() => new CoderClient({ url: 'https://x?coder_session_token=s3cret', token: 't' })).toThrow(
      'CoderClient: `url` must not carry a token in its query (coder_session_token); pass the session token as `token`.',
    );
    expect(() => new CoderClient({ url: 'https://x/?Access_Token=s3cret', token: 't' })).toThrow(
      'must not carry a token in its query (Access_Token)',
    );
    // Another query is dropped, not sent along with every request.
    expect(new CoderClient({ url: 'https://x/sub?a=1#f', token: 't' }).url.toString()).toBe('https://x/sub/');
    // An unparsable URL is shown without what could be a secret in it.
    const shown = (url: string, token = 't') => {
      try {
        new CoderClient({ url, token });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`${url} was accepted`);
    };
    expect(shown('coder.example.com?coder_session_token=s3cret')).toMatch(/got "coder\.example\.com"$/);
    expect(shown('//u:s3cret@coder example')).toMatch(/got "\/\/coder example"$/);
    const token = 'abcdefghij-0123456789abcdefghijkl';
    expect(shown(token, 'https://coder.example.com')).not.toContain('0123456789');
    expect(shown(`${token}x`, token)).toMatch(/got "\[REDACTED\]x"$/);
    expect(() => new CoderClient({ url: 'https://x', token: ' ' })).toThrow(
      'CoderClient: `token` is required',
    );
    expect(() => new CoderClient({ url: 'https://x', token: 't', timeout: 0 })).toThrow(
      '`timeout` must be a number of ms > 0 and <= 2147483647, got 0',
    );
    expect(() => new CoderClient({ url: 'https://x', token: 't', timeout: 3_000_000_000 })).toThrow(
      '`timeout` must be a number of ms > 0 and <= 2147483647, got 3000000000',
    );
    expect(() => new CoderClient({ url: 'https://x', token: 't', retry: { jitter: 3 } })).toThrow(
      'retry.jitter',
    );
    expect(() => new CoderClient({ url: 'https://x', token: 't', fetchImpl: fetch as never })).toThrow(
      '`fetchImpl` is not supported',
    );
  });

  it('builds dashboard links under a path prefix', () => {
    const client = new CoderClient({ url: 'https://coder.example.com/sub', token: 't' });
    const task = { owner_name: 'alice', id: '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77' };
    expect(client.taskUrl(task)).toBe(
      'https://coder.example.com/sub/tasks/alice/8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77',
    );
    void client.close();
  });
});

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

describe('bad answers', () => {
  it.each([
    ['invalid JSON', { kind: 'invalidJson' as const }, 'invalid_json'],
    ['truncated JSON', { kind: 'truncatedJson' as const }, 'invalid_json'],
    ['an HTML login page', { kind: 'html' as const }, 'html'],
    ['an empty body', { kind: 'status' as const, status: 200, body: '' }, 'empty'],
  ])('names %s on a 2xx once a read has spent its retries', async (_name, fault, reason) => {
    const h = await startHarness();
    h.fake.control.faults.inject({ ...fault, route: '/api/v2/users/me' });
    const error = await h.client.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderResponseFormatError);
    expect(error).toMatchObject({ reason, status: 200, endpoint: 'GET /api/v2/users/me' });
    expect(h.requestsTo('/api/v2/users/me')).toHaveLength(4);
  });

  it.each([
    ['truncated JSON', { kind: 'truncatedJson' as const }],
    ['an HTML page', { kind: 'html' as const }],
    ['invalid JSON', { kind: 'invalidJson' as const }],
  ])('repeats a read whose 200 body is %s, as it does a reset mid-body', async (_name, fault) => {
    const h = await startHarness();
    h.fake.control.faults.inject({ ...fault, route: '/api/v2/users/me', times: 1 });
    await expect(h.client.me()).resolves.toMatchObject({ username: 'admin' });
    expect(h.requestsTo('/api/v2/users/me').map((r) => r.status)).toEqual([200, 200]);
  });

  it('never repeats a create without a name whose 201 body was cut short: the task exists', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'truncatedJson', route: `${TASKS}/me`, method: 'POST', times: 1 });
    const error = await h.client
      .createTask('me', { template_version_id: templateVersionId(h), input: 'x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'invalid_json', status: 201 });
    expect(h.requestsTo(`${TASKS}/me`, 'POST')).toHaveLength(1);
    expect(h.fake.control.tasks()).toHaveLength(1);
  });

  it('does not repeat a body that parses but does not match the schema', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({
      kind: 'status',
      status: 200,
      route: '/api/v2/users/me',
      body: { id: 'not-a-uuid' },
    });
    await expect(h.client.me()).rejects.toMatchObject({ reason: 'schema', typeName: 'User' });
    expect(h.requestsTo('/api/v2/users/me')).toHaveLength(1);
  });

  it('names the wire type and field when JSON does not match the schema', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({
      kind: 'status',
      status: 200,
      route: '/api/v2/users/me',
      body: { id: 'not-a-uuid', username: 7 },
      times: 1,
    });
    const error = await h.client.me().catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'schema', typeName: 'User', field: '$.id' });
    expect((error as Error).message).toContain('the body does not match User: $.id: expected a UUID string');
  });

  it('validates every task of a list, naming the index of the bad one', async () => {
    const h = await startHarness();
    await h.client.createTask('me', { template_version_id: templateVersionId(h), input: 'x', name: 'ok' });
    const [good] = h.fake.control.tasks();
    h.fake.control.faults.inject({
      kind: 'status',
      status: 200,
      route: TASKS,
      body: { tasks: [good?.json, { ...good?.json, current_state: { state: 'idle' } }], count: 2 },
      times: 1,
    });
    await expect(h.client.listTasks()).rejects.toMatchObject({
      reason: 'schema',
      typeName: 'TasksListResponse',
      field: '$.tasks[1].current_state.timestamp',
      endpoint: 'GET /api/v2/tasks',
    });
  });

  it('tells an HTML error page apart from a Coder error', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'html', status: 403, route: '/api/v2/users/me', times: 1 });
    const error = await h.client.me().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, bodyKind: 'html', kind: 'forbidden' });
    expect((error as Error).message).toContain('HTML page titled "Sign in"');
    expect((error as Error).message).toContain('not the Coder API: check the Coder URL');
  });

  it('tells a JSON error without a message apart', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({
      kind: 'status',
      status: 500,
      body: { error: 'boom' },
      route: '/api/v2/users/me',
    });
    await expect(h.client.me()).rejects.toMatchObject({
      bodyKind: 'json_no_message',
      response: {
        message: 'unexpected status code 500, response has no message',
        detail: '{"error":"boom"}',
      },
    });
  });
});

describe('authentication and secrets', () => {
  it("adds Go's login hint to a 401 and never shows the token", async () => {
    const h = await startHarness();
    const token = 'abcdefghij-0123456789abcdefghijkl';
    const client = h.clientWith({ token });
    const error = await client.me().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, kind: 'unauthorized' });
    expect((error as Error).message).toContain(
      "unexpected status code 401: You are signed out or your session has expired. Please sign in again to continue.: Try logging in using 'coder login'.",
    );
    expect(JSON.stringify(error)).not.toContain(token);
    expect((error as Error).message).not.toContain(token);
  });

  it('never shows the token when the client itself is logged', async () => {
    const h = await startHarness();
    const shown = [
      inspect(h.client, { depth: 20, showHidden: true }),
      JSON.stringify(h.client),
      String(h.client),
    ];
    for (const text of shown) expect(text).not.toContain(h.fake.token);
  });

  it('scrubs the token from anything the server echoes back', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({
      kind: 'status',
      status: 400,
      body: { message: `bad header ${h.fake.token}`, detail: `Coder-Session-Token: ${h.fake.token}` },
      route: '/api/v2/users/me',
      times: 1,
    });
    const error = (await h.client.me().catch((e: unknown) => e)) as CoderApiError;
    expect(error.message).toBe(
      `GET ${h.fake.url}/api/v2/users/me: unexpected status code 400: bad header [REDACTED]\n\tError: Coder-Session-Token: [REDACTED]`,
    );
    expect(JSON.stringify(error.response)).not.toContain(h.fake.token);
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
