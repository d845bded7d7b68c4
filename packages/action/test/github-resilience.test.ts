import { Octokit } from '@octokit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../scripts/fake-github.mjs';
import { createGitHubApi, createOctokit, type GitHubApi } from '../src/github-api';
import { addResilience } from '../src/github-resilience';

// The GitHub client's retries and spacing, over HTTP against the fake GitHub API (waits in 1 ms units).
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const PERMISSION = 'GET /collaborators/{user}/permission';
const EDIT = 'PATCH /issues/comments/{n}';
const POST = 'POST /issues/{n}/comments';

let github: FakeGitHub;
let api: GitHubApi;
const notices: string[] = [];

beforeAll(async () => {
  github = await startFakeGitHub({ roles: { admin1: 'admin' }, threads: { 3: { title: 'An issue' } } });
  const octokit = createOctokit('ghs_test', {
    unitMs: 1,
    baseUrl: github.url,
    onLimited: (m) => notices.push(m),
  });
  api = createGitHubApi(octokit, { owner: 'Codertocat', repo: 'Hello-World' });
});
afterAll(() => github.close());
afterEach(() => {
  for (const key of Object.keys(github.failures)) delete github.failures[key];
  notices.length = 0;
});

/** The calls of one route that `act` made, with their answers' statuses. */
async function statuses(method: string, pathEnd: string, act: () => Promise<unknown>): Promise<number[]> {
  const before = github.calls.length;
  await act().catch(() => undefined);
  return github.calls
    .slice(before)
    .filter((c) => c.method === method && c.path.endsWith(pathEnd))
    .map((c) => c.status);
}

describe('the GitHub client tries failed requests again as octokit would', () => {
  it('a read answered 502 twice is tried again and succeeds', async () => {
    github.failures[PERMISSION] = { status: 502, times: 2 };
    expect(await statuses('GET', '/permission', () => api.getPermission('admin1'))).toEqual([502, 502, 200]);
  });

  it('a read whose connection drops is tried again', async () => {
    github.failures[PERMISSION] = { reset: true, times: 1 };
    expect(await statuses('GET', '/permission', () => api.getPermission('admin1'))).toEqual([-1, 200]);
  });

  it('a read failing throughout is tried four times in all, then fails with its status', async () => {
    github.failures[PERMISSION] = 503;
    await expect(api.getPermission('admin1')).rejects.toMatchObject({ status: 503 });
    github.failures[PERMISSION] = 503;
    expect(await statuses('GET', '/permission', () => api.getPermission('admin1'))).toEqual([
      503, 503, 503, 503,
    ]);
  });

  it('a 404 or a plain 403 is final', async () => {
    expect(await statuses('GET', '/permission', () => api.getPermission('stranger'))).toEqual([404]);
    github.failures[PERMISSION] = { status: 403, message: 'Resource not accessible by integration' };
    expect(await statuses('GET', '/permission', () => api.getPermission('admin1'))).toEqual([403]);
    expect(notices).toEqual([]);
  });

  it('a new comment answered 502 is not posted again: it may have landed', async () => {
    github.failures[POST] = { status: 502, times: 1 };
    await expect(api.createComment(3, 'hello')).rejects.toMatchObject({ status: 502 });
    github.failures[POST] = { status: 502, times: 1 };
    expect(await statuses('POST', '/issues/3/comments', () => api.createComment(3, 'hello'))).toEqual([502]);
  });

  it('an edit refused by the secondary rate limit waits out retry-after, saying so, and lands', async () => {
    const { id } = await api.createComment(3, 'first');
    github.failures[EDIT] = { status: 403, times: 2, message: SECONDARY, headers: { 'retry-after': '2' } };
    expect(await statuses('PATCH', `/comments/${id}`, () => api.updateComment(id, 'second'))).toEqual([
      403, 403, 200,
    ]);
    expect(github.comments.get(id)?.body).toBe('second');
    expect(notices).toEqual([
      "GitHub's secondary rate limit on PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}; waiting 2s.",
      "GitHub's secondary rate limit on PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}; waiting 2s.",
    ]);
  });

  it('a new comment refused by the secondary rate limit is posted again (GitHub refused it), once', async () => {
    github.failures[POST] = { status: 403, times: 1, message: SECONDARY, headers: { 'retry-after': '1' } };
    const before = github.comments.size;
    expect(await statuses('POST', '/issues/3/comments', () => api.createComment(3, 'limited'))).toEqual([
      403, 201,
    ]);
    expect(github.comments.size).toBe(before + 1);
  });

  it('gives up after three secondary-limit waits', async () => {
    github.failures[PERMISSION] = { status: 429, message: SECONDARY, headers: { 'retry-after': '1' } };
    expect(await statuses('GET', '/permission', () => api.getPermission('admin1'))).toEqual([
      429, 429, 429, 429,
    ]);
    expect(notices.at(-1)).toMatch(/giving up after 3 waits\.$/);
  });

  it('waits for the primary limit to reset when it is near, and not when it is an hour away', async () => {
    const reset = (s: number) => String(Math.floor(Date.now() / 1000) + s);
    github.failures[PERMISSION] = {
      status: 403,
      times: 1,
      message: 'API rate limit exceeded for installation.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset(-10) },
    };
    expect(await statuses('GET', '/permission', () => api.getPermission('admin1'))).toEqual([403, 200]);
    github.failures[PERMISSION] = {
      status: 403,
      message: 'API rate limit exceeded for installation.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset(3600) },
    };
    expect(await statuses('GET', '/permission', () => api.getPermission('admin1'))).toEqual([403]);
    expect(notices.at(-1)).toMatch(
      /^GitHub's rate limit on GET \/repos\/\{owner\}\/\{repo\}\/collaborators\/\{username\}\/permission; it resets in 360\ds\.$/,
    );
  });
});

describe('spacing and aborts', () => {
  it('starts new comments three units apart, and other writes at once', async () => {
    const waits: number[] = [];
    const octokit = new Octokit({ baseUrl: github.url, auth: 'token ghs_test' });
    addResilience(octokit, { unitMs: 1_000, onLimited: () => {}, sleep: async (ms) => void waits.push(ms) });
    const post = (body: string) =>
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
        owner: 'Codertocat',
        repo: 'Hello-World',
        issue_number: 3,
        body,
      });
    const first = await post('one');
    await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner: 'Codertocat',
      repo: 'Hello-World',
      comment_id: first.data.id,
      body: 'one, edited',
    });
    expect(waits).toEqual([]);
    await post('two');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(2_000);
    expect(waits[0]).toBeLessThanOrEqual(3_000);
  });

  it('does not try again a request its caller aborted', async () => {
    github.failures[PERMISSION] = 502;
    const waits: number[] = [];
    const controller = new AbortController();
    const octokit = new Octokit({ baseUrl: github.url, auth: 'token ghs_test' });
    addResilience(octokit, {
      unitMs: 1,
      onLimited: () => {},
      sleep: async (ms) => {
        waits.push(ms);
        controller.abort();
      },
    });
    const read = () =>
      octokit.request('GET /repos/{owner}/{repo}/collaborators/{username}/permission', {
        owner: 'Codertocat',
        repo: 'Hello-World',
        username: 'admin1',
        request: { signal: controller.signal },
      });
    const seen = await statuses('GET', '/permission', read);
    expect(waits).toEqual([1]);
    expect(seen).toEqual([502]);
  });
});
