import { expect } from 'vitest';
import { type FakeCoder, type FakeCoderOptions, type SeedInfo, startFakeCoder } from '../src/index';

/** A parsed HTTP answer from the fake. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** Calls the fake over real HTTP as `token` (default: admin). Pass `token: null` for no credentials. */
export async function call(
  fake: FakeCoder,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token === undefined ? fake.token : options.token;
  if (token !== null) headers['Coder-Session-Token'] = token;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${fake.url}${path}`, { method, headers, body });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Starts a fake for one test file and closes it afterwards. */
export async function withFake<T>(
  options: FakeCoderOptions,
  fn: (fake: FakeCoder) => Promise<T>,
): Promise<T> {
  const fake = await startFakeCoder(options);
  try {
    return await fn(fake);
  } finally {
    await fake.close();
  }
}

/** Creates a task for `user` (default `me`) from the seeded AI template and returns its JSON. */
export async function createTask(
  fake: FakeCoder,
  body: Record<string, unknown> = {},
  options: { token?: string; user?: string } = {},
): Promise<Record<string, unknown> & { id: string; name: string; status: string }> {
  const res = await call(fake, 'POST', `/api/v2/tasks/${options.user ?? 'me'}`, {
    token: options.token,
    body: {
      template_version_id: fake.control.seed?.templateVersionId,
      input: 'Fix the flaky login test',
      ...body,
    },
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
  return res.json as Record<string, unknown> & { id: string; name: string; status: string };
}

/** The default seed's ids (fails the test clearly when the fake was started without a seed). */
export function seedOf(fake: FakeCoder): SeedInfo {
  const seed = fake.control.seed;
  if (!seed) throw new Error('this test needs the default seed');
  return seed;
}

/** Creates a task and waits until it is active and its agent idle (ready to take input). */
export async function activeTask(
  fake: FakeCoder,
  body: Record<string, unknown> = {},
): Promise<Awaited<ReturnType<typeof createTask>>> {
  const t = await createTask(fake, body);
  await fake.control.waitForTask(t.id, 'active');
  await fake.control.waitForIdle();
  return t;
}

/** An active task paused over the API (the pause must answer 202). */
export async function pausedTask(fake: FakeCoder): Promise<Awaited<ReturnType<typeof createTask>>> {
  const t = await activeTask(fake);
  expect((await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/pause`)).status).toBe(202);
  await fake.control.waitForTask(t.id, 'paused');
  return t;
}

/** Sends `input` to task `id` as `token` (default: admin). */
export function send(fake: FakeCoder, id: string, input: unknown, token?: string): Promise<Answer> {
  return call(fake, 'POST', `/api/v2/tasks/me/${id}/send`, { body: { input }, token });
}
