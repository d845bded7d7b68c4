import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import {
  CoderAbortError,
  type CoderApiError,
  CoderConnectionError,
  CoderStreamError,
  PresetNotFoundError,
  UserLookupError,
} from '../src/index';
import { idleTask, startHarness, templateVersionId } from './harness';

describe('buildInfo and me', () => {
  it('reads the server version without needing a valid token', async () => {
    const h = await startHarness({ version: 'v2.35.2' });
    await expect(h.clientWith({ token: 'not-a-token' }).buildInfo()).resolves.toMatchObject({
      version: 'v2.35.2',
    });
  });

  it('says who the token belongs to', async () => {
    const h = await startHarness();
    const me = await h.client.me();
    expect(me).toMatchObject({ username: 'admin', id: h.fake.control.seed?.adminId });
    const member = await h.clientWith({ token: h.fake.tokens.member ?? '' }).me();
    expect(member.username).toBe('member');
  });

  it('reports an expired token as 401 with the login hint', async () => {
    const h = await startHarness();
    h.fake.control.expireToken('admin');
    const error = await h.client.me().catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 401,
      kind: 'unauthorized',
      helper: "Try logging in using 'coder login'.",
    });
    expect((error as CoderApiError).response.detail).toMatch(/^API key expired at/);
  });
});

describe('getOrganization', () => {
  it('reads an organization by name and by id', async () => {
    const h = await startHarness();
    const byName = await h.client.getOrganization('coder');
    expect(byName).toMatchObject({ name: 'coder', is_default: true });
    expect(await h.client.getOrganization(byName.id)).toEqual(byName);
  });
  it('404s on an unknown one', async () => {
    const h = await startHarness();
    await expect(h.client.getOrganization('nope')).rejects.toMatchObject({ status: 404, kind: 'not_found' });
  });
});

describe('findUserByGitHubId', () => {
  it('finds the one linked user with the github_com_user_id query', async () => {
    const h = await startHarness();
    h.fake.control.addUser({ username: 'alice', githubUserId: 583231 });
    h.fake.control.addUser({ username: 'bob', githubUserId: 42 });
    expect((await h.client.findUserByGitHubId(583231)).username).toBe('alice');
    expect(h.requestsTo('/api/v2/users')[0]?.query).toEqual({ q: 'github_com_user_id:583231' });
  });

  it('throws UserLookupError on zero or several matches', async () => {
    const h = await startHarness();
    h.fake.control.addUser({ username: 'a1', githubUserId: 7 });
    h.fake.control.addUser({ username: 'a2', githubUserId: 7 });
    await expect(h.client.findUserByGitHubId(9)).rejects.toMatchObject({
      name: 'UserLookupError',
      matches: 0,
    });
    const several = await h.client.findUserByGitHubId(7).catch((e: unknown) => e);
    expect(several).toBeInstanceOf(UserLookupError);
    expect((several as Error).message).toBe(
      '2 Coder users are linked to GitHub user id 7 (a1, a2); expected exactly one',
    );
  });

  it('rejects an id that is not a positive integer before sending anything', async () => {
    const h = await startHarness();
    await expect(h.client.findUserByGitHubId(-1)).rejects.toThrow(
      'expected a positive integer GitHub user id, got -1',
    );
    await expect(h.client.findUserByGitHubId(1.5)).rejects.toThrow(TypeError);
    expect(h.fake.requests).toHaveLength(0);
  });
});

describe('resolveTemplateVersion and resolvePreset', () => {
  it('gives the active version, or the one named', async () => {
    const h = await startHarness();
    h.fake.control.addTemplateVersion('tasks', { name: 'v2-draft' });
    const active = await h.client.resolveTemplateVersion({ organization: 'coder', template: 'tasks' });
    expect(active).toMatchObject({ id: templateVersionId(h), name: 'v1' });
    const named = await h.client.resolveTemplateVersion({
      organization: 'coder',
      template: 'tasks',
      version: 'v2-draft',
    });
    expect(named.name).toBe('v2-draft');
    expect(named.id).not.toBe(active.id);
  });

  it('404s on a missing template or version', async () => {
    const h = await startHarness();
    await expect(
      h.client.resolveTemplateVersion({ organization: 'coder', template: 'missing' }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      h.client.resolveTemplateVersion({ organization: 'coder', template: 'tasks', version: 'v9' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('picks the named preset, else the default, else none', async () => {
    const h = await startHarness();
    const version = templateVersionId(h);
    expect((await h.client.resolvePreset(version))?.ID).toBe(h.fake.control.seed?.defaultPresetId);
    const large = await h.client.resolvePreset(version, 'large');
    expect(large).toMatchObject({ ID: h.fake.control.seed?.largePresetId, Name: 'large' });
    expect(large?.Parameters).toEqual([{ Name: 'size', Value: 'large' }]);
    await expect(h.client.resolvePreset(version, 'huge')).rejects.toThrow(
      new PresetNotFoundError(version, 'huge', ['default', 'large']),
    );
    await expect(
      h.client.resolvePreset(h.fake.control.seed?.plainTemplateVersionId ?? ''),
    ).resolves.toBeUndefined();
  });
});

describe('workspaces', () => {
  it("reads a task's workspace and builds the dashboard link", async () => {
    const h = await startHarness();
    const task = await idleTask(h, 'ws');
    const fresh = await h.client.getTask(task.id);
    const workspace = await h.client.getWorkspace(fresh.workspace_id ?? '');
    expect(workspace).toMatchObject({ id: fresh.workspace_id, task_id: task.id, owner_name: 'admin' });
    expect(workspace.latest_build).toMatchObject({ transition: 'start', status: 'running' });
    expect(h.client.taskUrl(task)).toBe(`${h.fake.url}/tasks/admin/${task.id}`);
  });

  it('watches a workspace: the current state at once, then every change, until aborted', async () => {
    const h = await startHarness({ defaultAgentScript: { answerInitialPrompt: false } });
    const task = await idleTask(h, 'w');
    const workspaceId = (await h.client.getTask(task.id)).workspace_id ?? '';
    const controller = new AbortController();
    const seen: (string | undefined)[] = [];
    const error = await (async () => {
      for await (const ws of h.client.watchWorkspace(workspaceId, { signal: controller.signal })) {
        seen.push(ws.latest_app_status?.message);
        if (seen.length === 1) h.fake.control.setAppStatus(task.id, 'working', 'Step one');
        if (ws.latest_app_status?.message === 'Step one') controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderAbortError);
    expect(seen[0]).toBeUndefined();
    expect(seen.at(-1)).toBe('Step one');
    expect(h.requestsTo(`/api/v2/workspaces/${workspaceId}/watch`)[0]?.headers.accept).toBe(
      'text/event-stream',
    );
  });

  it('404s on an unknown workspace', async () => {
    const h = await startHarness();
    await expect(h.client.getWorkspace('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77')).rejects.toMatchObject({
      status: 404,
      kind: 'not_found',
    });
  });

  it('names a watch answered with a web page instead of an event stream', async () => {
    const h = await startHarness();
    h.fake.control.faults.inject({ kind: 'html', route: /\/watch$/ });
    const gen = h.client.watchWorkspace('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77');
    await expect(gen.next()).rejects.toMatchObject({
      name: 'CoderResponseFormatError',
      reason: 'not_event_stream',
    });
  });

  it("throws CoderStreamError on the stream's error event", async () => {
    const h = await startHarness({ defaultAgentScript: { answerInitialPrompt: false } });
    const task = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'x',
      name: 'e',
    });
    // Nothing changes from here on, so the event after the first workspace can only be the error.
    await h.fake.control.waitForIdle();
    const workspaceId = (await h.client.getTask(task.id)).workspace_id ?? '';
    const gen = h.client.watchWorkspace(workspaceId);
    // The first workspace has arrived, so the stream is open on the server.
    await expect(gen.next()).resolves.toMatchObject({ done: false, value: { id: workspaceId } });
    expect(
      h.fake.control.sendWatchError(workspaceId, {
        message: 'Internal error fetching workspace.',
        detail: 'db down',
      }),
    ).toBe(1);
    const error = await gen.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderStreamError);
    expect(error).toMatchObject({
      response: { message: 'Internal error fetching workspace.', detail: 'db down' },
    });
    expect((error as Error).message).toMatch(
      new RegExp(
        `/api/v2/workspaces/${workspaceId}/watch: the watch stream reported an error: Internal error fetching workspace\\.: db down$`,
      ),
    );
    // The generator is finished and closed its connection: the fake has no stream left to write to.
    await expect(gen.next()).resolves.toEqual({ done: true, value: undefined });
    await vi.waitFor(() => expect(h.fake.control.sendWatchError(workspaceId, { message: 'probe' })).toBe(0));
  });

  it('scrubs the token from an error event that echoes it', async () => {
    const h = await startHarness({ defaultAgentScript: { answerInitialPrompt: false } });
    const task = await h.client.getTask((await idleTask(h, 'quiet')).id);
    const gen = h.client.watchWorkspace(task.workspace_id ?? '');
    await expect(gen.next()).resolves.toMatchObject({ done: false });
    const echo = { message: `bad token ${h.fake.token}`, detail: `Coder-Session-Token: ${h.fake.token}` };
    expect(h.fake.control.sendWatchError(task.workspace_id ?? '', echo)).toBe(1);
    const error = await gen.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoderStreamError);
    expect((error as Error).message).toContain('bad token [REDACTED]: Coder-Session-Token: [REDACTED]');
    expect(inspect(error, { depth: 20, showHidden: true })).not.toContain(h.fake.token);
  });

  it('close() ends a watch whose reader stopped reading, instead of waiting on it forever', async () => {
    const h = await startHarness({ defaultAgentScript: { answerInitialPrompt: false } });
    const template = await h.client.resolveTemplateVersion({ organization: 'coder', template: 'tasks' });
    const task = await h.client.createTask('me', { template_version_id: template.id, input: 'x', name: 'c' });
    await h.fake.control.waitForIdle();
    const workspaceId = (await h.client.getTask(task.id)).workspace_id ?? '';
    const client = h.clientWith({});
    const gen = client.watchWorkspace(workspaceId);
    await expect(gen.next()).resolves.toMatchObject({ done: false, value: { id: workspaceId } });
    // The generator is left paused mid-stream: nobody calls next() or return() on it.
    await client.close();
    await client.close(); // a second close is harmless
    await vi.waitFor(() => expect(h.fake.control.sendWatchError(workspaceId, { message: 'probe' })).toBe(0));
    await expect(gen.next()).rejects.toBeInstanceOf(CoderConnectionError);
  });

  it('yields what arrived before a reset mid-stream, then throws CoderConnectionError', async () => {
    const h = await startHarness({ defaultAgentScript: { answerInitialPrompt: false } });
    const task = await h.client.createTask('me', {
      template_version_id: templateVersionId(h),
      input: 'x',
      name: 'r',
    });
    const workspaceId = (await h.client.getTask(task.id)).workspace_id ?? '';
    h.fake.control.faults.inject({ kind: 'resetMidResponse', route: /\/watch$/, times: 1 });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const ws of h.client.watchWorkspace(workspaceId)) seen.push(ws.id);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([workspaceId]);
    expect(error).toBeInstanceOf(CoderConnectionError);
  });

  it('refuses a watch timeout Node timers cannot hold, before connecting', async () => {
    const h = await startHarness();
    const gen = h.client.watchWorkspace('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77', { idleTimeout: 0 });
    await expect(gen.next()).rejects.toThrow(
      'watchWorkspace: `idleTimeout` must be a number of ms > 0 and <= 2147483647, got 0',
    );
    const huge = h.client.watchWorkspace('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77', { timeout: 3e9 });
    await expect(huge.next()).rejects.toThrow('`timeout` must be a number of ms > 0 and <= 2147483647');
    expect(h.requestsTo(/\/watch$/)).toHaveLength(0);
  });

  it('throws the API error when the watch is refused', async () => {
    const h = await startHarness();
    const gen = h.client.watchWorkspace('8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77');
    await expect(gen.next()).rejects.toMatchObject({ status: 404, kind: 'not_found' });
  });
});
