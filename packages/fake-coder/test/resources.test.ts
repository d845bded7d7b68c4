import {
  BuildInfoSchema,
  GetUsersResponseSchema,
  OrganizationSchema,
  PresetSchema,
  parseWire,
  TemplateSchema,
  TemplateVersionSchema,
  UserSchema,
  WorkspaceSchema,
} from '@coder-tasks/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCoder, startFakeCoder } from '../src/index';
import { call, createTask, seedOf } from './helpers';

// The routes around tasks: buildinfo, users, organizations, templates, presets and workspaces.

let fake: FakeCoder;
beforeAll(async () => {
  fake = await startFakeCoder();
});
afterAll(() => fake.close());

describe('the routes around tasks', () => {
  it('serves buildinfo without authentication', async () => {
    const res = await call(fake, 'GET', '/api/v2/buildinfo', { token: null });
    expect(parseWire(BuildInfoSchema, res.json, 'BuildInfo')).toMatchObject({
      version: 'v2.36.1',
      dashboard_url: fake.url,
    });
  });

  it('serves users/me and users by username or id', async () => {
    const me = parseWire(UserSchema, (await call(fake, 'GET', '/api/v2/users/me')).json, 'User');
    expect([me.username, me.organization_ids]).toEqual(['admin', [fake.control.seed?.organizationId]]);
    const byName = await call(fake, 'GET', '/api/v2/users/member');
    const byId = await call(fake, 'GET', `/api/v2/users/${fake.control.seed?.memberId}`);
    expect(byName.json).toEqual(byId.json);
    expect((await call(fake, 'GET', '/api/v2/users/ghost')).status).toBe(404);
  });

  it('finds users by github_com_user_id, one, none or several', async () => {
    fake.control.addUser({ username: 'octocat', githubUserId: 583231 });
    fake.control.addUser({ username: 'twin-a', githubUserId: 7 });
    fake.control.addUser({ username: 'twin-b', githubUserId: 7 });
    const find = async (id: string) =>
      parseWire(
        GetUsersResponseSchema,
        (await call(fake, 'GET', `/api/v2/users?q=github_com_user_id:${id}`)).json,
        'GetUsersResponse',
      );
    const one = await find('583231');
    expect([one.count, one.users[0]?.username]).toEqual([1, 'octocat']);
    expect((await find('1')).count).toBe(0);
    expect((await find('7')).users.map((u) => u.username)).toEqual(['twin-a', 'twin-b']);
    const bad = await call(fake, 'GET', '/api/v2/users?q=github_com_user_id:abc');
    expect([bad.status, bad.json]).toEqual([
      400,
      {
        message: 'Invalid user search query.',
        validations: [
          {
            field: 'github_com_user_id',
            detail:
              'Query param "github_com_user_id" must be a valid 64-bit integer: strconv.ParseInt: parsing "abc": invalid syntax',
          },
        ],
      },
    ]);
    // coderd's user search has no username: key (a bare term searches usernames and emails).
    const unknown = await call(fake, 'GET', '/api/v2/users?q=username:octocat');
    expect([unknown.status, unknown.json]).toEqual([
      400,
      {
        message: 'Invalid user search query.',
        validations: [{ field: 'username', detail: '"username" is not a valid query param' }],
      },
    ]);
    const bare = (await call(fake, 'GET', '/api/v2/users?q=octo')).json as { users: { username: string }[] };
    expect(bare.users.map((u) => u.username)).toEqual(['octocat']);
  });

  it('hides users of other organizations from a member', async () => {
    fake.control.addOrganization({ name: 'other-org' });
    fake.control.addUser({ username: 'stranger', organizations: ['other-org'] });
    const list = (await call(fake, 'GET', '/api/v2/users', { token: fake.tokens.member })).json as {
      users: { username: string }[];
    };
    expect(list.users.map((u) => u.username)).not.toContain('stranger');
    expect((await call(fake, 'GET', '/api/v2/users/stranger', { token: fake.tokens.member })).status).toBe(
      404,
    );
    expect(
      (await call(fake, 'GET', '/api/v2/organizations/other-org', { token: fake.tokens.member })).status,
    ).toBe(404);
  });

  it('serves organizations by name and id', async () => {
    const byName = parseWire(
      OrganizationSchema,
      (await call(fake, 'GET', '/api/v2/organizations/coder')).json,
      'Organization',
    );
    expect(byName).toMatchObject({ name: 'coder', is_default: true });
    const byId = await call(fake, 'GET', `/api/v2/organizations/${byName.id}`);
    expect(byId.json).toMatchObject({ name: 'coder' });
  });

  it('serves templates, by name case-insensitively, their versions and presets', async () => {
    const seed = seedOf(fake);
    const list = (await call(fake, 'GET', '/api/v2/organizations/coder/templates')).json as unknown[];
    expect(list.map((t) => parseWire(TemplateSchema, t, 'Template').name)).toEqual(['plain', 'tasks']);
    const names = async (q: string) =>
      (
        (await call(fake, 'GET', `/api/v2/templates?q=${encodeURIComponent(q)}`)).json as { name: string }[]
      ).map((x) => x.name);
    expect(await names('has-ai-task:true')).toEqual(['tasks']);
    expect(await names('has-ai-task:false')).toEqual(['plain']);
    // A bare term is a fuzzy display name, as in coderd's template search.
    expect(await names('PLAI')).toEqual(['plain']);
    const bad = await call(fake, 'GET', '/api/v2/templates?q=has-ai-task:maybe%20foo:bar');
    expect([bad.status, bad.json]).toEqual([
      400,
      {
        message: 'Invalid template search query.',
        validations: [
          {
            field: 'has-ai-task',
            detail:
              'Query param "has-ai-task" must be a valid boolean: strconv.ParseBool: parsing "maybe": invalid syntax',
          },
          { field: 'foo', detail: '"foo" is not a valid query param' },
        ],
      },
    ]);
    const t = parseWire(
      TemplateSchema,
      (await call(fake, 'GET', '/api/v2/organizations/coder/templates/TASKS')).json,
      'Template',
    );
    expect([t.id, t.active_version_id]).toEqual([seed.templateId, seed.templateVersionId]);
    expect((await call(fake, 'GET', `/api/v2/templates/${t.id}`)).json).toMatchObject({ name: 'tasks' });
    expect((await call(fake, 'GET', '/api/v2/organizations/coder/templates/missing')).status).toBe(404);
    const v = await call(fake, 'GET', '/api/v2/organizations/coder/templates/tasks/versions/v1');
    expect(parseWire(TemplateVersionSchema, v.json, 'TemplateVersion')).toMatchObject({
      id: seed.templateVersionId,
      name: 'v1',
    });
    expect((await call(fake, 'GET', '/api/v2/organizations/coder/templates/tasks/versions/v9')).status).toBe(
      404,
    );
    expect(
      (await call(fake, 'GET', `/api/v2/templateversions/${seed.templateVersionId}`)).json,
    ).toMatchObject({ name: 'v1' });
    const presets = (await call(fake, 'GET', `/api/v2/templateversions/${seed.templateVersionId}/presets`))
      .json as unknown[];
    const parsed = presets.map((p) => parseWire(PresetSchema, p, 'Preset'));
    expect(parsed.map((p) => [p.Name, p.Default])).toEqual([
      ['default', true],
      ['large', false],
    ]);
    expect(parsed[1]?.Parameters).toEqual([{ Name: 'size', Value: 'large' }]);
  });

  it('serves the workspace of a task, with its task_id and latest app status', async () => {
    const t = await createTask(fake);
    const view = await fake.control.waitForTask(t.id, (v) => v.currentState?.state === 'complete');
    const res = await call(fake, 'GET', `/api/v2/workspaces/${view.workspaceId}`);
    const ws = parseWire(WorkspaceSchema, res.json, 'Workspace');
    expect(ws).toMatchObject({
      id: view.workspaceId,
      name: t.name,
      owner_name: 'admin',
      task_id: t.id,
      template_name: 'tasks',
    });
    expect(ws.latest_build).toMatchObject({
      transition: 'start',
      status: 'running',
      build_number: 1,
      job: { status: 'succeeded' },
    });
    expect(ws.latest_app_status).toMatchObject({ state: 'complete', message: 'Done' });
    expect(
      (await call(fake, 'GET', `/api/v2/workspaces/${view.workspaceId}`, { token: fake.tokens.member }))
        .status,
    ).toBe(404);
  });
});
