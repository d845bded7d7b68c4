import { type FakeCoder, type FakeCoderOptions, startFakeCoder } from '@coder-tasks/fake-coder';
import type { Task } from '@coder-tasks/types';
import { onTestFinished } from 'vitest';
import { CoderClient, type CoderClientOptions } from '../src/index';

/** Retries that do not slow the tests down: same logic, millisecond delays. */
export const FAST_RETRY = { initialDelay: 1, maxDelay: 4, maxRetries: 3 } as const;

export interface Harness {
  fake: FakeCoder;
  client: CoderClient;
  /** A client for another URL or token on the same fake, closed after the test. */
  clientWith(options: Partial<CoderClientOptions>): CoderClient;
  /** Requests the fake saw for a path (or matching a RegExp), optionally for one method. */
  requestsTo(path: string | RegExp, method?: string): FakeCoder['requests'];
}

/** Starts a fake Coder on loopback and a client for it; both are closed when the test ends. */
export async function startHarness(
  fakeOptions: FakeCoderOptions = {},
  clientOptions: Partial<CoderClientOptions> = {},
): Promise<Harness> {
  const fake = await startFakeCoder(fakeOptions);
  const clients: CoderClient[] = [];
  const clientWith = (options: Partial<CoderClientOptions>) => {
    const client = new CoderClient({ url: fake.url, token: fake.token, retry: FAST_RETRY, ...options });
    clients.push(client);
    return client;
  };
  const client = clientWith(clientOptions);
  onTestFinished(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await fake.close();
  });
  return {
    fake,
    client,
    clientWith,
    requestsTo: (path, method) =>
      fake.requests.filter(
        (r) =>
          (typeof path === 'string' ? r.path === path : path.test(r.path)) &&
          (!method || r.method === method),
      ),
  };
}

/** The seeded AI template's active version id. */
export function templateVersionId(h: Harness): string {
  const id = h.fake.control.seed?.templateVersionId;
  if (!id) throw new Error('the fake was started without its default seed');
  return id;
}

/**
 * Creates task `name` (prompt `input`, default "x") from the seeded AI template through the client, then
 * waits until the fake has nothing left to do (the agent is up and has answered or stayed quiet).
 */
export async function idleTask(h: Harness, name: string, input = 'x'): Promise<Task> {
  const task = await h.client.createTask('me', { template_version_id: templateVersionId(h), input, name });
  await h.fake.control.waitForIdle();
  return task;
}

/** The Tasks list route: the read most transport tests put faults on. */
export const TASKS = '/api/v2/tasks';
