import {
  compareTimestamps,
  parseWire,
  ResponseSchema,
  TaskSchema,
  TasksListResponseSchema,
  validateTaskName,
} from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createTask, seedOf } from './helpers';

// Create, list and get, their success shapes and every error path of reference 1.3 and section 8.

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder();
});
afterAll(() => fake.close());

const NOT_FOUND = { message: 'Resource not found or you do not have access to this resource' };

describe('create', () => {
  it('answers 201 with a pending Task and stores what was asked', async () => {
    const seed = seedOf(fake);
    const res = await call(fake, 'POST', '/api/v2/tasks/me', {
      body: {
        template_version_id: seed.templateVersionId,
        template_version_preset_id: seed.largePresetId,
        input: 'Write the docs',
        name: 'Docs-Task',
        display_name: 'Write the docs',
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.text.endsWith('}\n')).toBe(true);
    const task = parseWire(TaskSchema, res.json, 'Task');
    expect(task).toMatchObject({
      name: 'Docs-Task',
      display_name: 'Write the docs',
      owner_name: 'admin',
      template_name: 'tasks',
      template_version_id: seed.templateVersionId,
      initial_prompt: 'Write the docs',
      status: 'pending',
      workspace_name: 'Docs-Task',
    });
    expect(fake.control.task(task.id)?.presetId).toBe(seed.largePresetId);
  });

  it('generates a valid name with a -xxxx suffix and a display name from the prompt', async () => {
    const task = await createTask(fake, { input: 'Fix: the *flaky* login test, again!' });
    // At most 27 characters of whole words ("test," would make 28), then cleaned.
    expect(task.name).toMatch(/^fix-the-flaky-login-[0-9a-f]{4}$/);
    expect(validateTaskName(task.name)).toBeUndefined();
    expect(task.display_name).toBe('Fix: the *flaky* login test, again!');
    const empty = await createTask(fake, { input: '' });
    expect(empty.name).toMatch(/^[a-z]+-[a-z]+-[0-9a-f]{4}$/);
    expect(validateTaskName(empty.name)).toBeUndefined();
    const long = await createTask(fake, { input: 'word '.repeat(40) });
    expect(long.name.length).toBeLessThanOrEqual(32);
    expect(String(long.display_name).endsWith('…')).toBe(true);
  });

  it('uses the default preset when none or the nil UUID is given', async () => {
    const task = await createTask(fake, {
      template_version_preset_id: '00000000-0000-0000-0000-000000000000',
    });
    expect(fake.control.task(task.id)?.presetId).toBe(fake.control.seed?.defaultPresetId);
  });

  it('stores the template version it was given, not the active one, and omits empty omitempty fields', async () => {
    const seed = seedOf(fake);
    fake.control.addTemplateVersion('tasks', { name: 'v2', activate: true });
    const task = await createTask(fake, { template_version_id: seed.templateVersionId });
    expect(task.template_version_id).toBe(seed.templateVersionId);
    expect('owner_avatar_url' in task).toBe(false);
    const listed = (await call(fake, 'GET', `/api/v2/templates/${seed.templateId}`)).json as {
      active_version_id: string;
    };
    expect(listed.active_version_id).not.toBe(seed.templateVersionId);
  });

  it.each([
    ['invalid JSON', '{"input":', 400, 'Request body must be valid JSON.'],
    ['a wrong field type', '{"input": 5}', 400, 'Request body must be valid JSON.'],
    [
      'no template version',
      '{"input":"x"}',
      400,
      'Template version not found or you do not have access to this resource',
    ],
    [
      'a random template version',
      '{"template_version_id":"8b6c1c1e-1f7e-4c9b-9d55-0c8e1f1f9b11","input":"x"}',
      400,
      'Template version not found or you do not have access to this resource',
    ],
  ])('rejects %s', async (_name, rawBody, status, message) => {
    const res = await call(fake, 'POST', '/api/v2/tasks/me', { rawBody });
    expect(res.status).toBe(status);
    expect(parseWire(ResponseSchema, res.json, 'Response').message).toBe(message);
  });

  it('rejects a body over 4 MiB with 413', async () => {
    const res = await call(fake, 'POST', '/api/v2/tasks/me', {
      body: { template_version_id: fake.control.seed?.templateVersionId, input: 'x'.repeat(4 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ message: 'Request body too large.' });
  });

  it('rejects a template without coder_ai_task', async () => {
    const res = await call(fake, 'POST', '/api/v2/tasks/me', {
      body: { template_version_id: fake.control.seed?.plainTemplateVersionId, input: 'x' },
    });
    expect([res.status, res.json]).toEqual([
      400,
      { message: 'Template does not have a valid "coder_ai_task" resource.' },
    ]);
  });

  it.each([
    ['new', 'cannot use "new" as a name'],
    ['has space', 'must be alphanumeric with hyphens'],
    ['a'.repeat(33), 'must be <= 32 characters'],
    ['-lead', 'must be alphanumeric with hyphens'],
  ])('rejects the name %j with its reason', async (name, detail) => {
    const res = await call(fake, 'POST', '/api/v2/tasks/me', {
      body: { template_version_id: fake.control.seed?.templateVersionId, input: 'x', name },
    });
    expect([res.status, res.json]).toEqual([
      400,
      { message: 'Unable to create a Task with the provided name.', detail },
    ]);
  });

  it('rejects a display name over 64 bytes after trimming, and accepts 64 with spaces around', async () => {
    const base = { template_version_id: fake.control.seed?.templateVersionId, input: 'x' };
    const bad = await call(fake, 'POST', '/api/v2/tasks/me', {
      body: { ...base, display_name: 'd'.repeat(65) },
    });
    expect([bad.status, bad.json]).toEqual([400, { message: 'Display name must be 64 characters or less.' }]);
    const good = await call(fake, 'POST', '/api/v2/tasks/me', {
      body: { ...base, display_name: `  ${'d'.repeat(64)}  ` },
    });
    expect(good.status).toBe(201);
  });

  it('answers 404 when the owner is not in the template organization, 403 for another user', async () => {
    fake.control.addOrganization({ name: 'elsewhere' });
    fake.control.addUser({ username: 'outsider', organizations: ['elsewhere'] });
    const body = { template_version_id: fake.control.seed?.templateVersionId, input: 'x' };
    const outside = await call(fake, 'POST', '/api/v2/tasks/outsider', { body });
    expect([outside.status, outside.json]).toEqual([404, NOT_FOUND]);
    const forbidden = await call(fake, 'POST', '/api/v2/tasks/admin', { body, token: fake.tokens.member });
    expect([forbidden.status, forbidden.json]).toEqual([
      403,
      { message: 'Unauthorized to create workspace.' },
    ]);
    expect(forbidden.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    // The outsider cannot even see the template version.
    const { token } = fake.control.addUser({ username: 'outsider2', organizations: ['elsewhere'] });
    const hidden = await call(fake, 'POST', '/api/v2/tasks/me', { body, token });
    expect(hidden.status).toBe(400);
  });

  it('requires the owner, not the caller, to have linked the external auth', async () => {
    const { version } = fake.control.addTemplate({ name: 'gh', requiredExternalAuth: ['github'] });
    fake.control.addUser({ username: 'octo' });
    const body = { template_version_id: version.id, input: 'x' };
    fake.control.linkExternalAuth('admin', 'github');
    const res = await call(fake, 'POST', '/api/v2/tasks/octo', { body });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      message: 'External authentication is required to create a workspace with this template.',
      detail: 'The workspace owner must authenticate with the following external auth providers: GitHub.',
      validations: [{ field: 'external_auth', detail: 'github' }],
    });
    expect(fake.control.tasks().some((t) => t.ownerName === 'octo')).toBe(false);
    // An authorization denial wins over the external-auth error.
    const denied = await call(fake, 'POST', '/api/v2/tasks/octo', { body, token: fake.tokens.member });
    expect(denied.json).toEqual({ message: 'Unauthorized to create workspace.' });
    fake.control.linkExternalAuth('octo', 'github');
    expect((await call(fake, 'POST', '/api/v2/tasks/octo', { body })).status).toBe(201);
  });

  it('answers 409 for a name in use, case-insensitively', async () => {
    await createTask(fake, { name: 'dupe' });
    const res = await call(fake, 'POST', '/api/v2/tasks/me', {
      body: { template_version_id: fake.control.seed?.templateVersionId, input: 'x', name: 'DUPE' },
    });
    expect(res.status).toBe(409);
    expect(res.json).toEqual({
      message: 'Workspace "DUPE" already exists.',
      validations: [{ field: 'name', detail: 'This value is already in use and should be unique.' }],
    });
  });

  it('answers 404 for an unknown user', async () => {
    const res = await call(fake, 'POST', '/api/v2/tasks/nobody', { body: {} });
    expect([res.status, res.json]).toEqual([404, NOT_FOUND]);
  });
});

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
      { field: 'owner', detail: 'Query param "owner" provided more than once, found 2 times.' },
    ]);
    const both = await q('owner:ghost organization:nowhere');
    expect((both.json as { validations: { field: string }[] }).validations.map((v) => v.field)).toEqual([
      'owner',
      'organization',
    ]);
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
