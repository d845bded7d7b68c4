import { parseWire, ResponseSchema, TaskSchema, validateTaskName } from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createTask, seedOf } from './helpers';

// Create: its success shape, generated names, and every error path of `POST /api/v2/tasks/{user}` in coderd's order.

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

  it('keeps a given name or display name and generates only the missing one', async () => {
    const nameOnly = await createTask(fake, { name: 'only-name', input: 'Tidy the README' });
    expect([nameOnly.name, nameOnly.display_name]).toEqual(['only-name', 'Tidy the README']);
    const displayOnly = await createTask(fake, { display_name: 'My display', input: 'Tidy the README' });
    expect(displayOnly.display_name).toBe('My display');
    expect(displayOnly.name).toMatch(/^tidy-the-readme-[0-9a-f]{4}$/);
    expect(validateTaskName(displayOnly.name)).toBeUndefined();
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
    // The handler reads the body only after {user} resolved, so an unknown user is still a 404.
    const unknown = await call(fake, 'POST', '/api/v2/tasks/nobody', {
      body: { input: 'x'.repeat(4 * 1024 * 1024) },
    });
    expect([unknown.status, unknown.json]).toEqual([404, NOT_FOUND]);
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
    expect(forbidden.headers.get('www-authenticate')).toBe(
      `Bearer realm="coder", error="insufficient_scope", error_description="The request requires higher privileges than provided by the access token", resource_metadata="${fake.url}/.well-known/oauth-protected-resource"`,
    );
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
