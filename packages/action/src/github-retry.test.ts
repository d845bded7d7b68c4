import { describe, expect, it } from 'vitest';
import { decideRetry, type FailedAttempt, notifiesPeople } from './github-retry';

const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);
const SECONDARY = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';
const attempt = (over: Partial<FailedAttempt>): FailedAttempt => ({
  method: 'GET',
  route: '/repos/{owner}/{repo}/collaborators/{username}/permission',
  status: 502,
  message: 'Bad Gateway',
  headers: {},
  serverRetries: 0,
  serverRetriesAllowed: 3,
  limitRetries: 0,
  nowMs: NOW,
  ...over,
});
const resetIn = (s: number) => ({
  'x-ratelimit-remaining': '0',
  'x-ratelimit-reset': String(NOW / 1000 + s),
});

describe('decideRetry', () => {
  it.each<[string, Partial<FailedAttempt>, ReturnType<typeof decideRetry>]>([
    ['a 502, first time: 1 unit', {}, { retry: true, kind: 'server', waitUnits: 1 }],
    ['a 502, second time: 4 units', { serverRetries: 1 }, { retry: true, kind: 'server', waitUnits: 4 }],
    ['a 502, third time: 9 units', { serverRetries: 2 }, { retry: true, kind: 'server', waitUnits: 9 }],
    ['a 502 after three tries: give up', { serverRetries: 3 }, { retry: false }],
    ['a dropped connection (octokit: 500)', { status: 500 }, { retry: true, kind: 'server', waitUnits: 1 }],
    ['a comment POST that may have landed', { method: 'POST', serverRetriesAllowed: 0 }, { retry: false }],
    [
      'a 429 that names no limit is a server-side refusal',
      { status: 429 },
      { retry: true, kind: 'server', waitUnits: 1 },
    ],
    ...[400, 401, 403, 404, 410, 422, 451].map(
      (status) =>
        [`${status}: final`, { status }, { retry: false }] as [
          string,
          Partial<FailedAttempt>,
          ReturnType<typeof decideRetry>,
        ],
    ),
    [
      'a secondary limit with retry-after',
      { method: 'PATCH', route: '/r', status: 403, message: SECONDARY, headers: { 'retry-after': '7' } },
      {
        retry: true,
        kind: 'rate-limit',
        waitUnits: 7,
        notice: "GitHub's secondary rate limit on PATCH /r; waiting 7s.",
      },
    ],
    [
      'a secondary limit (429) with none waits 60',
      { route: '/r', status: 429, message: SECONDARY },
      {
        retry: true,
        kind: 'rate-limit',
        waitUnits: 60,
        notice: "GitHub's secondary rate limit on GET /r; waiting 60s.",
      },
    ],
    [
      'a secondary limit on a POST goes again: GitHub refused it',
      {
        method: 'POST',
        route: '/r',
        status: 403,
        message: SECONDARY,
        serverRetriesAllowed: 0,
        headers: { 'retry-after': 1 },
      },
      {
        retry: true,
        kind: 'rate-limit',
        waitUnits: 1,
        notice: "GitHub's secondary rate limit on POST /r; waiting 1s.",
      },
    ],
    [
      'a fourth secondary limit: give up',
      { route: '/r', status: 403, message: SECONDARY, limitRetries: 3 },
      { retry: false, notice: "GitHub's secondary rate limit on GET /r; giving up after 3 waits." },
    ],
    [
      'the primary limit resetting in 10 s: wait 11',
      { route: '/r', status: 403, message: 'API rate limit exceeded', headers: resetIn(10) },
      {
        retry: true,
        kind: 'rate-limit',
        waitUnits: 11,
        notice: "GitHub's rate limit on GET /r; it resets in 11s.",
      },
    ],
    [
      'the primary limit already reset: go again at once',
      { route: '/r', status: 429, headers: resetIn(-5) },
      {
        retry: true,
        kind: 'rate-limit',
        waitUnits: 0,
        notice: "GitHub's rate limit on GET /r; it resets in 0s.",
      },
    ],
    [
      'the primary limit resetting in 59 s: wait 60, the longest',
      { route: '/r', status: 403, headers: resetIn(59) },
      {
        retry: true,
        kind: 'rate-limit',
        waitUnits: 60,
        notice: "GitHub's rate limit on GET /r; it resets in 60s.",
      },
    ],
    [
      'the primary limit resetting in 10 minutes: give up, saying when',
      { route: '/r', status: 403, headers: resetIn(600) },
      { retry: false, notice: "GitHub's rate limit on GET /r; it resets in 601s." },
    ],
    [
      'the primary limit, a fourth time: give up',
      { route: '/r', status: 403, headers: resetIn(1), limitRetries: 3 },
      { retry: false, notice: "GitHub's rate limit on GET /r; it resets in 2s." },
    ],
    [
      'a 403 with remaining requests is a refusal',
      {
        status: 403,
        message: 'Resource not accessible by integration',
        headers: { 'x-ratelimit-remaining': '4999' },
      },
      { retry: false },
    ],
  ])('%s', (_name, over, expected) => {
    expect(decideRetry(attempt(over))).toEqual(expected);
  });
});

describe('notifiesPeople', () => {
  it.each([
    ['POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', true],
    ['POST', '/repos/{owner}/{repo}/pulls/{pull_number}/comments', true],
    ['POST', '/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies', true],
    ['PATCH', '/repos/{owner}/{repo}/issues/comments/{comment_id}', false],
    ['POST', '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', false],
    ['GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', false],
  ])('%s %s: %s', (method, route, expected) => {
    expect(notifiesPeople(method, route)).toBe(expected);
  });
});
