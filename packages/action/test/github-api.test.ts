import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../scripts/fake-github.mjs';
import { authorize } from '../src/authorize';
import { createGitHubApi, createOctokit, type GitHubApi } from '../src/github-api';
import { loadThread } from '../src/thread';

let github: FakeGitHub;
let api: GitHubApi;

beforeAll(async () => {
  github = await startFakeGitHub({
    roles: { admin1: 'admin', maint: 'maintain', writer: 'write', triager: 'triage', reader: 'read' },
    threads: {
      3: { title: 'An issue', body: 'Text' },
      4: { title: 'A PR', pull: { head: 'feat', base: 'main' } },
    },
  });
  // The client's retry waits in 1 ms units: the same retries, quickly.
  api = createGitHubApi(createOctokit('ghs_test', { unitMs: 1, baseUrl: github.url }), {
    owner: 'Codertocat',
    repo: 'Hello-World',
  });
});
afterAll(() => github.close());

const human = (login: string) => ({ login, id: 1, isBot: false });

describe('authorize (against the fake GitHub API over HTTP)', () => {
  it.each([
    ['admin1', 'write', true],
    ['maint', 'write', true],
    ['maint', 'admin', false],
    ['writer', 'write', true],
    ['triager', 'write', false],
    ['triager', 'triage', true],
    ['reader', 'read', true],
    ['reader', 'triage', false],
    ['stranger', 'read', false],
  ] as const)('%s with min-permission %s: %s', async (login, minPermission, allowed) => {
    const result = await authorize(api, human(login), { minPermission, allowedBots: [] });
    expect(result.allowed).toBe(allowed);
  });

  it('fails closed on a server error that outlasts the retries, saying the check could not be made', async () => {
    github.failures['GET /collaborators/{user}/permission'] = 500;
    const before = github.calls.length;
    try {
      expect(await authorize(api, human('admin1'), { minPermission: 'read', allowedBots: [] })).toEqual({
        allowed: false,
        checkFailed: true,
        reason:
          "the permission check could not be made: GitHub did not answer for admin1's permission on the repository (HTTP 500), so the request is refused.",
      });
      expect(github.calls.length - before).toBe(4);
    } finally {
      delete github.failures['GET /collaborators/{user}/permission'];
    }
  });

  it('refuses a login GitHub does not know (404) as a plain refusal, not a failed check', async () => {
    expect(await authorize(api, human('stranger'), { minPermission: 'read', allowedBots: [] })).toEqual({
      allowed: false,
      reason: 'stranger is not a user GitHub knows.',
    });
  });

  it('lets listed bots through without asking GitHub, and no others', async () => {
    const before = github.calls.length;
    const bot = { login: 'renovate[bot]', id: 2, isBot: true };
    expect(await authorize(api, bot, { minPermission: 'admin', allowedBots: ['renovate'] })).toEqual({
      allowed: true,
      role: 'allowed bot',
    });
    expect((await authorize(api, bot, { minPermission: 'read', allowedBots: [] })).allowed).toBe(false);
    expect(github.calls.length).toBe(before);
  });
});

describe('loadThread', () => {
  it('reads an issue, and a pull request with its branches', async () => {
    expect(await loadThread(api, { number: 3, isPullRequest: undefined })).toEqual({
      number: 3,
      title: 'An issue',
      body: 'Text',
      url: 'https://github.com/Codertocat/Hello-World/issues/3',
      isPullRequest: false,
    });
    expect(await loadThread(api, { number: 4, isPullRequest: true, title: 'A PR', url: 'u' })).toMatchObject({
      number: 4,
      isPullRequest: true,
      headRef: 'feat',
      baseRef: 'main',
    });
  });

  it('does not call GitHub when the payload already says everything', async () => {
    const before = github.calls.length;
    const ref = { number: 3, isPullRequest: false, title: 'T', body: 'B', url: 'u' };
    expect(await loadThread(api, ref)).toEqual({
      number: 3,
      title: 'T',
      body: 'B',
      url: 'u',
      isPullRequest: false,
      headRef: undefined,
      baseRef: undefined,
    });
    expect(await loadThread(api, undefined)).toBeUndefined();
    expect(github.calls.length).toBe(before);
  });
});
