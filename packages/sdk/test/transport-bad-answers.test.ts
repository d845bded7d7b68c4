import { describe, expect, it } from 'vitest';
import { CoderResponseFormatError } from '../src/index';
import { startHarness, TASKS, templateVersionId } from './harness';

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
