import { type FakeCoder, startFakeCoder } from '@coder-tasks/fake-coder';
import { afterEach, beforeEach, expect } from 'vitest';
import { type FakeGitHub, type StoredComment, startFakeGitHub } from '../scripts/fake-github.mjs';
import { type RunOptions, type RunResult, runBundle } from '../scripts/run-bundle.mjs';

import { payload } from './webhook-payloads';

/** An `issue_comment` `created` event whose comment says `body` (with id `commentId` when given). */
export function issueComment(body: string, commentId?: number) {
  return payload('issue_comment', 'created', (p) => {
    if (commentId !== undefined) p.comment.id = commentId;
    p.comment.body = body;
  });
}

export const GITHUB_TOKEN = 'ghs_e2eTokenForTheFakeGitHubApi000000000';
const REPO = '/repos/Codertocat/Hello-World';
export const TASK_NAME = 'gh-hello-world-1-a5f9f0';

/** The calls a fake GitHub received, as `METHOD path`. */
export const githubCalls = (github: FakeGitHub) =>
  github.calls.map((c) => `${c.method} ${c.path.replace(REPO, '')}`);
/**
 * The GitHub calls of an acknowledged run on issue 1: permission, reaction, the status comment, then only
 * edits of that comment.
 */
export function expectAcknowledgedOnIssue1(github: FakeGitHub): void {
  const calls = githubCalls(github);
  expect(calls.slice(0, 3)).toEqual([
    'GET /collaborators/Codertocat/permission',
    'POST /issues/comments/492700400/reactions',
    'POST /issues/1/comments',
  ]);
  const id = [...github.comments.keys()][0];
  expect(calls.slice(3)).toEqual(calls.slice(3).map(() => `PATCH /issues/comments/${id}`));
  expect(calls.length).toBeGreaterThan(3);
}

/** The Coder requests that change something, as `METHOD route`. */
export const coderWrites = (coder: FakeCoder) =>
  coder.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.route ?? r.path}`);

/** The body of the task-create request Coder received. */
export function createBody(coder: FakeCoder): { name: string; input: string } {
  const create = coder.requests.find((r) => r.method === 'POST' && r.route === '/api/v2/tasks/{user}');
  if (!create) throw new Error('no task was created');
  return create.body as { name: string; input: string };
}

/** One test's servers and helpers; `useEndToEnd` starts fresh servers before each test. */
export interface EndToEnd {
  readonly coder: FakeCoder;
  readonly github: FakeGitHub;
  run(
    eventName: string,
    body: unknown,
    inputs?: Record<string, string>,
    extra?: Partial<RunOptions>,
  ): Promise<RunResult>;
  onlyComment(): StoredComment;
  noLeak(result: RunResult): void;
}

/**
 * Starts fake-coder (with `coderOptions`, such as the version it reports) and the fake GitHub API before
 * each test of the calling `describe` and closes them after; `run` runs the committed bundle on `node`
 * against them.
 */
export function useEndToEnd(node: string, coderOptions: Parameters<typeof startFakeCoder>[0] = {}): EndToEnd {
  let coder!: FakeCoder;
  let github!: FakeGitHub;

  beforeEach(async () => {
    coder = await startFakeCoder(coderOptions);
    github = await startFakeGitHub({
      roles: { Codertocat: 'write', reader: 'read' },
      threads: {
        1: {
          title: 'Spelling error in the README file',
          body: 'Fix it',
          pull: { head: 'fix-readme', base: 'main' },
        },
      },
      requireToken: GITHUB_TOKEN,
    });
  });
  afterEach(async () => {
    await github.close();
    await coder.close();
  });

  const run = (
    eventName: string,
    body: unknown,
    inputs: Record<string, string> = {},
    extra: Partial<RunOptions> = {},
  ): Promise<RunResult> =>
    runBundle({
      eventName,
      payload: body,
      githubUrl: github.url,
      node,
      inputs: {
        'coder-url': coder.url,
        'coder-token': coder.token,
        'github-token': GITHUB_TOKEN,
        template: 'tasks',
        'poll-interval': '1s',
        'wait-timeout': '60s',
        ...inputs,
      },
      ...extra,
      // GitHub's retry waits in 10 ms units instead of seconds: the same steps, quickly.
      env: { CODER_TASKS_GITHUB_RETRY_UNIT_MS: '10', ...extra.env },
    });
  const onlyComment = () => {
    expect(github.comments.size).toBe(1);
    return [...github.comments.values()][0] as NonNullable<ReturnType<typeof github.comments.get>>;
  };
  const noLeak = (result: RunResult) => {
    // `::add-mask::` lines are how a step tells the runner what to hide; everything else must be clean.
    const log = result.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    for (const text of [
      log,
      result.stderr,
      result.summary,
      ...Object.values(result.outputs),
      ...[...github.comments.values()].flatMap((c) => c.history),
    ]) {
      expect(text).not.toContain(coder.token);
      expect(text).not.toContain(GITHUB_TOKEN);
    }
  };

  return {
    get coder() {
      return coder;
    },
    get github() {
      return github;
    },
    run,
    onlyComment,
    noLeak,
  };
}
