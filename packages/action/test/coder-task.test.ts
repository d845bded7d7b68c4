import { type FakeCoder, startFakeCoder } from '@coder-tasks/fake-coder';
import { CoderClient, PresetNotFoundError, UserLookupError } from '@coder-tasks/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTarget } from '../src/backends/tasks/resolve-target';
import { parseInputs } from '../src/parse-inputs';

let coder: FakeCoder;
beforeAll(async () => {
  coder = await startFakeCoder();
  coder.control.addOrganization({ name: 'second' });
  coder.control.addUser({ username: 'linked', githubUserId: 4242 });
});
afterAll(() => coder.close());

const actor = { login: 'alice', id: 4242, isBot: false };

/** Resolves the target as the action would, with the token of `token` and the given inputs. */
async function resolve(inputs: Record<string, string>, token = coder.token, who = actor) {
  const all: Record<string, string> = {
    'coder-url': coder.url,
    'coder-token': token,
    'github-token': 'ghs_unused',
    ...inputs,
  };
  const client = new CoderClient({ url: coder.url, token });
  try {
    return await resolveTarget(
      client,
      parseInputs((name) => all[name] ?? ''),
      who,
    );
  } finally {
    await client.close();
  }
}

describe('resolveTarget (against fake-coder over HTTP)', () => {
  it('uses the token user’s only organization, the active version and no preset by default', async () => {
    expect(await resolve({ template: 'tasks' })).toEqual({
      owner: 'me',
      templateVersionId: coder.control.seed?.templateVersionId,
      presetId: undefined,
    });
  });

  it('resolves a preset by name, and names the ones there are when it does not exist', async () => {
    expect((await resolve({ template: 'tasks', preset: 'large' })).presetId).toBe(
      coder.control.seed?.largePresetId,
    );
    const missing = resolve({ template: 'tasks', preset: 'huge' });
    await expect(missing).rejects.toBeInstanceOf(PresetNotFoundError);
    await expect(missing).rejects.toThrow(/default.*large|large.*default/);
  });

  it('takes template-version-id and preset-id as given, without looking up the template', async () => {
    const before = coder.requests.length;
    const id = coder.control.seed?.templateVersionId ?? '';
    const presetId = coder.control.seed?.largePresetId ?? '';
    expect(
      await resolve({ 'template-version-id': id, 'preset-id': presetId, 'coder-user': 'member' }),
    ).toEqual({ owner: 'member', templateVersionId: id, presetId });
    expect(coder.requests.slice(before)).toEqual([]);
  });

  it('asks for "organization" when the user belongs to several, and uses it when given', async () => {
    const { token } = coder.control.addUser({ username: 'two-orgs', organizations: ['coder', 'second'] });
    await expect(resolve({ template: 'tasks' }, token)).rejects.toThrow(
      'Input "organization": the Coder user two-orgs belongs to 2 organizations; set "organization" to the one that holds the template.',
    );
    expect((await resolve({ template: 'tasks', organization: 'coder' }, token)).templateVersionId).toBe(
      coder.control.seed?.templateVersionId,
    );
  });

  it('with map-github-user, owns the task by the commenter’s linked account, or says none is linked', async () => {
    expect((await resolve({ template: 'tasks', 'map-github-user': 'true' })).owner).toBe('linked');
    const stranger = resolve({ template: 'tasks', 'map-github-user': 'true' }, coder.token, {
      ...actor,
      id: 999,
    });
    await expect(stranger).rejects.toBeInstanceOf(UserLookupError);
    await expect(stranger).rejects.toThrow('no Coder user is linked to GitHub user id 999');
  });

  it('with map-github-user, refuses a username from the server that is not one, before any task request', async () => {
    coder.control.addUser({ username: '..', githubUserId: 6666 });
    const before = coder.requests.length;
    const hostile = resolve({ template: 'tasks', 'map-github-user': 'true' }, coder.token, {
      ...actor,
      id: 6666,
    });
    await expect(hostile).rejects.toThrow(
      'map-github-user: Coder answered with "..", which is not a username.',
    );
    expect(coder.requests.slice(before).map((r) => r.path)).toEqual(['/api/v2/users']);
  });
});
