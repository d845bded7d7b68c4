import { Agent, request } from 'node:http';
import { parseWire, TaskSchema, TasksListResponseSchema } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';

// 200 clients at once on loopback, each with its own connection: no request may fail.

const CLIENTS = 200;

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder();
});
afterAll(() => fake.close());

describe('load', () => {
  it(`serves ${CLIENTS} concurrent clients without a failed request`, { timeout: 60_000 }, async () => {
    const failures: string[] = [];
    const client = async (i: number): Promise<void> => {
      // One keep-alive agent per client: 200 separate connections, as 200 separate processes would open.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const req = (method: string, path: string, body?: unknown): Promise<unknown> =>
        new Promise((resolve, reject) => {
          const payload = body === undefined ? undefined : JSON.stringify(body);
          const r = request(
            `${fake.url}${path}`,
            {
              method,
              agent,
              headers: {
                'Coder-Session-Token': fake.token,
                ...(payload
                  ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }
                  : {}),
              },
            },
            (res) => {
              let text = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => {
                text += chunk;
              });
              res.on('end', () => {
                if ((res.statusCode ?? 0) >= 300) failures.push(`${method} ${path}: ${res.statusCode}`);
                resolve(text ? JSON.parse(text) : undefined);
              });
              res.on('error', reject);
            },
          );
          r.on('error', reject);
          r.end(payload);
        });
      try {
        const created = parseWire(
          TaskSchema,
          await req('POST', '/api/v2/tasks/me', {
            template_version_id: fake.control.seed?.templateVersionId,
            input: `client ${i} task`,
          }),
          'Task',
        );
        parseWire(TaskSchema, await req('GET', `/api/v2/tasks/me/${created.id}`), 'Task');
        parseWire(TaskSchema, await req('GET', `/api/v2/tasks/admin/${created.name}`), 'Task');
        parseWire(TasksListResponseSchema, await req('GET', '/api/v2/tasks?q=owner:me'), 'TasksListResponse');
        await req('GET', '/api/v2/buildinfo');
      } catch (error) {
        failures.push(`client ${i}: ${String(error)}`);
      } finally {
        agent.destroy();
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    expect(failures).toEqual([]);
    expect(fake.control.tasks().length).toBe(CLIENTS);
    expect(fake.requests.filter((r) => r.status === 0 || r.status >= 300)).toEqual([]);
  });
});
