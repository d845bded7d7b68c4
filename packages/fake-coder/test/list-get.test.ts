import { compareTimestamps, parseWire, TaskSchema, TasksListResponseSchema } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createTask } from './helpers';

// List and get: success shapes, the search query, lookups by id and name, and their error paths.

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder();
});
afterAll(() => fake.close());

const NOT_FOUND = { message: 'Resource not found or you do not have access to this resource' };

describe('list', () => {
  it('lists visible tasks newest first with count, filtered by q', async () => {
    const mine = await createTask(fake, { name: 'list-a' });
    const theirs = await createTask(fake, { name: 'list-b' }, { token: fake.tokens.member });
    const all = parseWire(
      TasksListResponseSchema,
      (await call(fake, 'GET', '/api/v2/tasks')).json,
      'TasksListResponse',
    );
    expect(all.count).toBe(all.tasks.length);
    const ids = all.tasks.map((t) => t.id);
    expect(ids.indexOf(theirs.id)).toBeLessThan(ids.indexOf(mine.id));
    const created = all.tasks.map((t) => t.created_at);
    expect([...created].sort((a, b) => compareTimestamps(b, a))).toEqual(created);

    const memberView = (await call(fake, 'GET', '/api/v2/tasks', { token: fake.tokens.member })).json as {
      tasks: { id: string }[];
    };
    expect(memberView.tasks.map((t) => t.id)).toEqual([theirs.id]);

    const byOwner = async (q: string) =>
      (
        (await call(fake, 'GET', `/api/v2/tasks?q=${encodeURIComponent(q)}`)).json as {
          tasks: { owner_name: string }[];
        }
      ).tasks;
    expect((await byOwner('owner:member')).map((t) => t.owner_name)).toEqual(['member']);
    expect((await byOwner('owner:"member"')).length).toBe(1);
    expect((await byOwner('member')).length).toBe(1);
    expect((await byOwner(`owner:${fake.control.seed?.memberId}`)).length).toBe(1);
    expect((await byOwner('owner:me')).every((t) => t.owner_name === 'admin')).toBe(true);
    // The created task is in owner:me with its prompt and a status and workspace status.
    const listedMine = (
      (await call(fake, 'GET', '/api/v2/tasks?q=owner:me')).json as {
        tasks: { id: string; initial_prompt: string; status: string; workspace_status?: string }[];
      }
    ).tasks.find((t) => t.id === mine.id);
    expect(listedMine?.initial_prompt).toBe('Fix the flaky login test');
    expect(listedMine?.status).not.toBe('');
    expect(listedMine?.workspace_status ?? '').not.toBe('');
    expect((await byOwner('organization:coder owner:member')).length).toBe(1);
    expect((await byOwner(`organization:${fake.control.seed?.organizationId}`)).length).toBe(all.count);
    await fake.control.waitForIdle();
    expect((await byOwner('status:active')).length).toBe(all.count);
    expect((await byOwner('status:paused')).length).toBe(0);
  });

  it.each([
    ['owner:', 'q', `Query element "owner:" cannot start or end with ':'`],
    ['a:b:c', 'q', `Query element "a:b:c" can only contain 1 ':'`],
    ['foo:bar', 'foo', '"foo" is not a valid query param'],
    [
      'owner:ghost',
      'owner',
      'Query param "owner" has invalid value: user "ghost" either does not exist, or you are unauthorized to view them',
    ],
    [
      'organization:nowhere',
      'organization',
      'Query param "organization" has invalid value: organization "nowhere" either does not exist, or you are unauthorized to view it',
    ],
  ])('answers 400 for q=%j', async (q, field, detail) => {
    const res = await call(fake, 'GET', `/api/v2/tasks?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ message: 'Invalid task search query.', validations: [{ field, detail }] });
  });

  it('reads q as coderd does: UUIDs unchecked, bare terms joined, repeated keys and every bad value reported', async () => {
    const q = async (query: string) => call(fake, 'GET', `/api/v2/tasks?q=${encodeURIComponent(query)}`);
    const random = await q('owner:8b6c1c1e-1f7e-4c9b-9d55-0c8e1f1f9b11');
    expect([random.status, (random.json as { count: number }).count]).toEqual([200, 0]);
    // "mem ber" is one bare term, so one owner named "mem ber".
    expect((await q('mem ber')).json).toEqual({
      message: 'Invalid task search query.',
      validations: [
        {
          field: 'owner',
          detail:
            'Query param "owner" has invalid value: user "mem ber" either does not exist, or you are unauthorized to view them',
        },
      ],
    });
    const twice = await q('owner:admin owner:member');
    expect((twice.json as { validations: unknown[] }).validations).toEqual([
      {
        field: 'owner',
        detail:
          'Query param "owner" provided more than once, found 2 times. Only provide 1 instance of this query param.',
      },
    ]);
    const both = await q('owner:ghost organization:nowhere');
    expect((both.json as { validations: { field: string }[] }).validations.map((v) => v.field)).toEqual([
      'owner',
      'organization',
    ]);
  });

  it('reads an empty quoted value as no filter on that key, as coderd does', async () => {
    await createTask(fake, { name: 'empty-values' });
    const all = (await call(fake, 'GET', '/api/v2/tasks')).json as { count: number };
    const res = await call(
      fake,
      'GET',
      `/api/v2/tasks?q=${encodeURIComponent('owner:"" organization:"" status:""')}`,
    );
    expect([res.status, (res.json as { count: number }).count]).toEqual([200, all.count]);
  });

  it('answers 500 for a status the database enum rejects', async () => {
    expect((await call(fake, 'GET', '/api/v2/tasks?q=status:sleeping')).status).toBe(500);
  });
});

describe('get', () => {
  it('returns the same object by id and by (case-insensitive) name, under both API trees', async () => {
    const t = await createTask(fake, { name: 'Get-Me' });
    await fake.control.waitForIdle();
    const byId = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}`);
    const byName = await call(fake, 'GET', '/api/v2/tasks/admin/get-me');
    const experimental = await call(fake, 'GET', `/api/experimental/tasks/me/${t.id}`);
    expect(byId.status).toBe(200);
    expect(byName.json).toEqual(byId.json);
    expect(experimental.json).toEqual(byId.json);
    // A UUID ignores {user}.
    expect((await call(fake, 'GET', `/api/v2/tasks/member/${t.id}`)).json).toEqual(byId.json);
    const task = parseWire(TaskSchema, byId.json, 'Task');
    expect(fake.control.workspace(task.workspace_id as string)).toMatchObject({ task_id: t.id });
  });

  it('answers 404 to another member, for unknown ids, and 400 for an empty task', async () => {
    const t = await createTask(fake, { name: 'private' });
    for (const path of [`/api/v2/tasks/me/${t.id}`, '/api/v2/tasks/admin/private']) {
      const res = await call(fake, 'GET', path, { token: fake.tokens.member });
      expect([res.status, res.json]).toEqual([404, NOT_FOUND]);
    }
    expect((await call(fake, 'GET', '/api/v2/tasks/me/8b6c1c1e-1f7e-4c9b-9d55-0c8e1f1f9b11')).status).toBe(
      404,
    );
    expect((await call(fake, 'GET', '/api/v2/tasks/ghost/private')).status).toBe(404);
    const empty = await call(fake, 'GET', '/api/v2/tasks/me/');
    expect([empty.status, empty.json]).toEqual([400, { message: '"task" must be provided.' }]);
  });

  it('answers 500 when the task has no workspace', async () => {
    const t = await createTask(fake);
    await fake.control.waitForIdle();
    fake.control.detachWorkspace(t.id);
    const res = await call(fake, 'GET', `/api/v2/tasks/me/${t.id}`);
    expect([res.status, res.json]).toEqual([
      500,
      { message: 'Internal error fetching task.', detail: 'Task workspace ID is invalid.' },
    ]);
    // coderd's list refuses a task without a workspace, failing the whole list.
    const listed = await call(fake, 'GET', '/api/v2/tasks');
    expect([listed.status, listed.json]).toEqual([
      500,
      { message: 'Internal error converting tasks.', detail: 'task has no workspace ID' },
    ]);
    const pause = await call(fake, 'POST', `/api/v2/tasks/me/${t.id}/pause`);
    expect([pause.status, pause.json]).toEqual([500, { message: 'Task does not have a workspace.' }]);
  });
});
