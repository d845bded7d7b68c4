import { parseWire, TasksListResponseSchema } from '@coder-tasks/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createTask } from './helpers';

// Every fault kind, deterministic by count, per route and method.

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder();
});
afterEach(() => fake.control.faults.clear());
afterAll(() => fake.close());

const list = () => call(fake, 'GET', '/api/v2/tasks');

/** Fetches and reports how the exchange ended, including a network failure. */
async function attempt(path: string): Promise<{ status?: number; error?: string; text?: string }> {
  try {
    const res = await fetch(`${fake.url}${path}`, { headers: { 'Coder-Session-Token': fake.token } });
    return { status: res.status, text: await res.text() };
  } catch (error) {
    return { error: String((error as Error & { cause?: unknown }).cause ?? error) };
  }
}

describe('faults', () => {
  it('status: the next N matching requests fail with the given status and body, then pass', async () => {
    const h = fake.control.faults.inject({
      kind: 'status',
      route: '/api/v2/tasks',
      method: 'GET',
      times: 2,
      status: 503,
      body: { message: 'Service unavailable' },
    });
    expect((await call(fake, 'GET', '/api/v2/buildinfo')).status).toBe(200);
    expect((await call(fake, 'POST', '/api/v2/tasks/me', { body: {} })).status).not.toBe(503);
    const first = await list();
    const second = await list();
    const third = await list();
    expect([first.status, first.json]).toEqual([503, { message: 'Service unavailable' }]);
    expect(second.status).toBe(503);
    expect(third.status).toBe(200);
    expect(h.hits).toBe(2);
  });

  it('status: matches a route pattern, skips, and answers a text body', async () => {
    const t = await createTask(fake);
    fake.control.faults.inject({
      kind: 'status',
      route: '/api/v2/tasks/{user}/{task}',
      skip: 1,
      times: 1,
      status: 500,
      body: 'plain failure',
    });
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${t.id}`)).status).toBe(200);
    const failed = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}`);
    expect([failed.status, failed.text, failed.headers.get('content-type')]).toEqual([
      500,
      'plain failure',
      'text/plain; charset=utf-8',
    ]);
    expect((await call(fake, 'GET', `/api/v2/tasks/me/${t.id}`)).status).toBe(200);
  });

  it('status: without the handler running (no task is created)', async () => {
    const before = fake.control.tasks().length;
    fake.control.faults.inject({
      kind: 'status',
      route: /^\/api\/v2\/tasks\/[^/]+$/,
      method: 'POST',
      times: 1,
    });
    const res = await call(fake, 'POST', '/api/v2/tasks/me', { body: {} });
    expect([res.status, res.json]).toEqual([500, { message: 'Injected fault.' }]);
    expect(fake.control.tasks().length).toBe(before);
  });

  it('rateLimit: 429 with Retry-After and coderd’s message', async () => {
    fake.control.faults.inject({ kind: 'rateLimit', times: 1, retryAfter: 3 });
    const res = await list();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(res.headers.get('x-ratelimit-limit')).toBe('512');
    expect(res.json).toEqual({
      message: "You've been rate limited for sending more than 512 requests in 1m0s.",
    });
    expect((await list()).status).toBe(200);
  });

  it('latency: delays the answer (real time), which a client timeout can observe', async () => {
    fake.control.faults.inject({ kind: 'latency', ms: 400, times: 1 });
    const aborted = await fetch(`${fake.url}/api/v2/buildinfo`, { signal: AbortSignal.timeout(50) }).then(
      () => 'answered',
      (e: Error) => e.name,
    );
    expect(aborted).toBe('TimeoutError');
    expect((await call(fake, 'GET', '/api/v2/buildinfo')).status).toBe(200);
  });

  it('resetBeforeResponse: the connection drops with no response; afterHandler keeps the work', async () => {
    fake.control.faults.inject({ kind: 'resetBeforeResponse', times: 1 });
    const res = await attempt('/api/v2/tasks');
    expect(res.status).toBeUndefined();
    expect(res.error).toMatch(/socket|closed|reset|terminated/i);
    expect(fake.requests.at(-1)?.status).toBe(0);

    const before = fake.control.tasks().length;
    fake.control.faults.inject({ kind: 'resetBeforeResponse', afterHandler: true, method: 'POST', times: 1 });
    const created = await fetch(`${fake.url}/api/v2/tasks/me`, {
      method: 'POST',
      headers: { 'Coder-Session-Token': fake.token },
      body: JSON.stringify({
        template_version_id: fake.control.seed?.templateVersionId,
        input: 'lost reply',
      }),
    }).then(
      () => 'answered',
      () => 'failed',
    );
    expect(created).toBe('failed');
    expect(fake.control.tasks().length).toBe(before + 1);
  });

  it('status with afterHandler: the handler does its work, the client gets the fault status', async () => {
    const before = fake.control.tasks().length;
    fake.control.faults.inject({ kind: 'status', status: 503, afterHandler: true, method: 'POST', times: 1 });
    const res = await call(fake, 'POST', '/api/v2/tasks/me', {
      body: { template_version_id: fake.control.seed?.templateVersionId, input: 'landed behind a 503' },
    });
    expect(res.status).toBe(503);
    expect(fake.control.tasks().length).toBe(before + 1);
    expect(fake.requests.at(-1)?.status).toBe(503);
  });

  it('resetMidResponse: headers and part of the body, then a reset', async () => {
    await createTask(fake);
    fake.control.faults.inject({ kind: 'resetMidResponse', times: 1 });
    const res = await fetch(`${fake.url}/api/v2/tasks`, { headers: { 'Coder-Session-Token': fake.token } });
    expect(res.status).toBe(200);
    const body = await res.text().then(
      (t) => `complete:${t}`,
      (e: Error) => `failed:${e.name}`,
    );
    expect(body).toMatch(/^failed:/);
  });

  it('truncatedJson: a complete response whose JSON stops half way', async () => {
    await createTask(fake);
    fake.control.faults.inject({ kind: 'truncatedJson', times: 1 });
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.json).toBeUndefined();
    expect(res.text.startsWith('{"tasks":[')).toBe(true);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('invalidJson: a JSON content type with a body that is not JSON', async () => {
    fake.control.faults.inject({ kind: 'invalidJson', times: 1 });
    const res = await list();
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/json; charset=utf-8']);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it('html: a login page as an SSO proxy would send', async () => {
    fake.control.faults.inject({ kind: 'html', times: 1 });
    const res = await list();
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(res.text.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('trickle: the whole body, in many small chunks', async () => {
    await createTask(fake);
    fake.control.faults.inject({ kind: 'trickle', times: 1, chunkBytes: 64, intervalMs: 5 });
    const res = await fetch(`${fake.url}/api/v2/tasks`, { headers: { 'Coder-Session-Token': fake.token } });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let chunks = 0;
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks++;
      text += new TextDecoder().decode(value);
    }
    expect(chunks).toBeGreaterThan(2);
    expect(parseWire(TasksListResponseSchema, JSON.parse(text), 'TasksListResponse').count).toBeGreaterThan(
      0,
    );
  });

  it('rejects an unknown kind and a bad count with a clear error', () => {
    expect(() => fake.control.faults.inject({ kind: 'explode' as 'html' })).toThrow(
      /unknown fault kind "explode"/,
    );
    expect(() => fake.control.faults.inject({ kind: 'html', times: 0 })).toThrow(/at least 1/);
  });

  it('remove() and clear() end a fault', async () => {
    const h = fake.control.faults.inject({ kind: 'status', status: 502 });
    expect((await list()).status).toBe(502);
    h.remove();
    expect((await list()).status).toBe(200);
    fake.control.faults.inject({ kind: 'status', status: 502 });
    fake.control.faults.clear();
    expect((await list()).status).toBe(200);
  });
});
