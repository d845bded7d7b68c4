import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../scripts/fake-github.mjs';
import { authorize, startPermissionCheck } from '../src/authorize';
import { createGitHubApi, createOctokit, type GitHubApi } from '../src/github-api';

// The permission read started before the event is parsed (run.ts), against the fake GitHub over HTTP.
let github: FakeGitHub;
let api: GitHubApi;
const PERMISSION = 'GET /collaborators/{user}/permission';
const options = { minPermission: 'write', allowedBots: [] } as const;
const human = (login: string) => ({ login, id: 1, isBot: false });
const reads = (from: number) => github.calls.slice(from).filter((c) => c.path.endsWith('/permission'));

beforeAll(async () => {
  github = await startFakeGitHub({ roles: { admin1: 'admin', reader: 'read' } });
  api = createGitHubApi(createOctokit('ghs_test', { unitMs: 1, baseUrl: github.url }), {
    owner: 'Codertocat',
    repo: 'Hello-World',
  });
});
afterAll(() => github.close());
afterEach(() => {
  delete github.failures[PERMISSION];
  github.latencyMs = 0;
});

describe('startPermissionCheck and authorize', () => {
  it("authorize uses the early read's answer: GitHub is asked once", async () => {
    const before = github.calls.length;
    const early = startPermissionCheck(api, 'admin1');
    expect(await authorize(api, human('admin1'), options, early)).toEqual({ allowed: true, role: 'admin' });
    expect(reads(before).map((c) => c.path)).toEqual([
      '/repos/Codertocat/Hello-World/collaborators/admin1/permission',
    ]);
  });

  it('a refusal from the early read stands', async () => {
    const early = startPermissionCheck(api, 'reader');
    expect(await authorize(api, human('reader'), options, early)).toEqual({
      allowed: false,
      reason: 'reader has read access; min-permission is write.',
    });
  });

  it('an early read that failed throughout fails the check closed, as a direct read would', async () => {
    github.failures[PERMISSION] = 502;
    const before = github.calls.length;
    const early = startPermissionCheck(api, 'admin1');
    expect(await authorize(api, human('admin1'), options, early)).toMatchObject({
      allowed: false,
      checkFailed: true,
      reason: expect.stringContaining('(HTTP 502)'),
    });
    expect(reads(before)).toHaveLength(4);
  });

  it('an early read of someone else is stopped, and the actor is asked about', async () => {
    github.latencyMs = 200;
    const before = github.calls.length;
    const early = startPermissionCheck(api, 'reader');
    await early.sent;
    expect(await authorize(api, human('admin1'), options, early)).toEqual({ allowed: true, role: 'admin' });
    expect(await early.answer).toMatchObject({ ok: false });
    expect(reads(before).map((c) => c.path.split('/')[5])).toEqual(['reader', 'admin1']);
  });

  it('`sent` resolves once the read is on the wire, before GitHub answers', async () => {
    github.latencyMs = 200;
    let answered = false;
    const early = startPermissionCheck(api, 'admin1');
    void early.answer.then(() => {
      answered = true;
    });
    await early.sent;
    expect(answered).toBe(false);
    expect(await early.answer).toEqual({ ok: true, value: expect.objectContaining({ permission: 'admin' }) });
  });

  it('`sent` also resolves when the read ends without being written, and a cancelled read is not retried', async () => {
    const failing: GitHubApi = { ...api, getPermission: () => Promise.reject(new Error('no network')) };
    const early = startPermissionCheck(failing, 'admin1');
    await early.sent;
    expect(await early.answer).toMatchObject({ ok: false });

    // Cancelled while it waits to try again after a 502 (waits in 200 ms units here): no second read.
    github.failures[PERMISSION] = 502;
    const slow = createGitHubApi(createOctokit('ghs_test', { unitMs: 200, baseUrl: github.url }), {
      owner: 'Codertocat',
      repo: 'Hello-World',
    });
    const before = github.calls.length;
    const cancelled = startPermissionCheck(slow, 'admin1');
    await cancelled.sent;
    while (reads(before)[0]?.status !== 502) await new Promise((resolve) => setTimeout(resolve, 5));
    cancelled.cancel();
    expect(await cancelled.answer).toMatchObject({ ok: false });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reads(before)).toHaveLength(1);
  });
});
