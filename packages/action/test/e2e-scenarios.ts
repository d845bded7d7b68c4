import { createRequire } from 'node:module';
import { type FakeCoder, startFakeCoder } from '@coder-tasks/fake-coder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../scripts/fake-github.mjs';
import { type RunOptions, type RunResult, runBundle } from '../scripts/run-bundle.mjs';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are deep JSON that the tests patch freely
type Json = any;
type Example = { name: string; examples: Array<Record<string, Json>> };
const examples = require('@octokit/webhooks-examples') as Example[];

/** A real webhook payload from @octokit/webhooks-examples, copied, with a patch applied. */
export function payload(name: string, action: string, patch: (p: Record<string, Json>) => void = () => {}) {
  const found = examples.find((e) => e.name === name)?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${name} ${action} example`);
  const copy = structuredClone(found);
  patch(copy);
  return copy;
}

const GITHUB_TOKEN = 'ghs_e2eTokenForTheFakeGitHubApi000000000';
const REPO = '/repos/Codertocat/Hello-World';
const TASK_NAME = 'gh-hello-world-1-a5f9f0';

/** The calls a fake GitHub received, as `METHOD path`. */
const githubCalls = (github: FakeGitHub) =>
  github.calls.map((c) => `${c.method} ${c.path.replace(REPO, '')}`);
/** The Coder requests that change something, as `METHOD route`. */
const coderWrites = (coder: FakeCoder) =>
  coder.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.route ?? r.path}`);

/** The body of the task-create request Coder received. */
function createBody(coder: FakeCoder): { name: string; input: string } {
  const create = coder.requests.find((r) => r.method === 'POST' && r.route === '/api/v2/tasks/{user}');
  if (!create) throw new Error('no task was created');
  return create.body as { name: string; input: string };
}

/**
 * The end-to-end scenarios of the committed bundle, run as a child process on the given Node binary
 * against fake-coder and the fake GitHub API on loopback.
 */
export function defineEndToEndTests(label: string, node: string): void {
  describe(`the committed bundle on ${label}`, () => {
    let coder: FakeCoder;
    let github: FakeGitHub;

    beforeEach(async () => {
      coder = await startFakeCoder();
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
        ...[...github.comments.values()].flatMap((c) => c.history),
      ]) {
        expect(text).not.toContain(coder.token);
        expect(text).not.toContain(GITHUB_TOKEN);
      }
    };

    it('an issue comment creates the task, waits for completion and posts the conversation', async () => {
      const event = payload('issue_comment', 'created', (p) => {
        p.comment.body = '/coder fix the spelling error';
      });
      const result = await run('issue_comment', event);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(githubCalls(github)).toEqual([
        'GET /collaborators/Codertocat/permission',
        'POST /issues/comments/492700400/reactions',
        'POST /issues/1/comments',
        ...githubCalls(github)
          .slice(3)
          .map(() => 'PATCH /issues/comments/9000002'),
      ]);
      expect(github.calls.length).toBeGreaterThanOrEqual(4);
      expect(github.calls[1]?.body).toEqual({ content: 'eyes' });
      expect(coderWrites(coder)).toEqual(['POST /api/v2/tasks/{user}']);
      const create = coder.requests.find((r) => r.method === 'POST');
      expect(create?.body).toMatchObject({
        name: TASK_NAME,
        display_name: '#1 Spelling error in the README file',
        template_version_id: coder.control.seed?.templateVersionId,
      });
      expect(createBody(coder).input).toContain('fix the spelling error');
      const comment = onlyComment();
      expect(comment.history[0]).toContain('👀 Coder task: on it');
      expect(comment.history[0]).toContain('<!-- coder-tasks-action -->');
      expect(comment.body).toContain('### ✅ Coder task: complete');
      expect(comment.body).toContain('**← The agent**');
      expect(comment.body).toContain('On it: ');
      const task = coder.control.tasks()[0];
      expect(result.outputs).toEqual({
        skipped: 'false',
        'comment-id': String(comment.id),
        'comment-url': comment.html_url,
        'task-id': task?.id,
        'task-name': TASK_NAME,
        'task-url': `${coder.url}/tasks/admin/${task?.id}`,
        'task-created': 'true',
        'task-status': 'active',
        'task-state': 'complete',
        'logs-truncated': 'false',
      });
      expect(result.summary).toContain('✅ Coder task: complete');
      expect(result.state['comment-id']).toBe(String(comment.id));
      noLeak(result);
    });

    it('a pull request comment reads the branches and puts them in the prompt as data', async () => {
      const event = payload('issue_comment', 'created', (p) => {
        p.comment.body = 'Looks close. /coder add a test';
        p.issue.pull_request = { url: 'https://api.github.com/repos/Codertocat/Hello-World/pulls/1' };
      });
      const result = await run('issue_comment', event);
      expect(result.code, result.stderr).toBe(0);
      expect(githubCalls(github).slice(0, 5)).toEqual([
        'GET /collaborators/Codertocat/permission',
        'POST /issues/comments/492700400/reactions',
        'POST /issues/1/comments',
        'GET /issues/1',
        'GET /pulls/1',
      ]);
      const input = createBody(coder).input;
      expect(input).toContain('Codertocat asked you to work on pull request #1');
      expect(input).toMatch(
        /<<<THREAD DATA [0-9a-f]{12}\nTitle: Spelling error in the README file\nHead branch: fix-readme\nBase branch: main/,
      );
      expect(onlyComment().body).toContain('✅ Coder task: complete');
      expect(result.outputs['task-created']).toBe('true');
    });

    it('a review comment reacts on the review comment and reports on the pull request', async () => {
      const event = payload('pull_request_review_comment', 'created', (p) => {
        p.comment.body = '/coder use a constant here';
      });
      const result = await run('pull_request_review_comment', event);
      expect(result.code, result.stderr).toBe(0);
      expect(githubCalls(github).slice(0, 3)).toEqual([
        'GET /collaborators/Codertocat/permission',
        'POST /pulls/comments/284312630/reactions',
        'POST /issues/2/comments',
      ]);
      expect(githubCalls(github).filter((c) => c.startsWith('GET /pulls'))).toEqual([]);
      const create = createBody(coder);
      expect(create.name).toMatch(/^gh-hello-world-2-[0-9a-f]{6}$/);
      expect(create.input).toContain('Head branch: changes');
      expect(result.outputs['task-name']).toBe(create.name);
      expect(onlyComment().issue_number).toBe(2);
    });

    it.each([
      [
        'an edited comment',
        'issue_comment',
        'edited',
        (p: Record<string, Json>) => {
          p.comment.body = '/coder go';
        },
        'only new comments',
      ],
      [
        'a bot comment',
        'issue_comment',
        'created',
        (p: Record<string, Json>) => {
          p.comment.body = '/coder go';
          p.comment.user.login = 'ci-helper[bot]';
          p.comment.user.type = 'Bot';
        },
        'not in allowed-bots',
      ],
      [
        'a comment without the trigger',
        'issue_comment',
        'created',
        (p: Record<string, Json>) => {
          p.comment.body = 'thanks!';
        },
        'trigger phrase',
      ],
    ])(
      '%s ends green with skipped=true and no call to anyone',
      async (_name, eventName, action, patch, notice) => {
        const result = await run(eventName, payload(eventName, action, patch));
        expect(result.code).toBe(0);
        expect(result.outputs).toEqual({ skipped: 'true' });
        expect(result.stdout).toContain('::notice::');
        expect(result.stdout).toContain(notice);
        expect(github.calls).toEqual([]);
        expect(coder.requests).toEqual([]);
      },
    );

    it('a commenter with only read permission is refused: no task, no comment, skipped=true', async () => {
      const event = payload('issue_comment', 'created', (p) => {
        p.comment.body = '/coder delete everything';
        p.comment.user.login = 'reader';
      });
      const result = await run('issue_comment', event);
      expect(result.code).toBe(0);
      expect(result.outputs).toEqual({ skipped: 'true' });
      expect(result.stdout).toContain('Not authorized: reader has read access; min-permission is write.');
      expect(githubCalls(github)).toEqual(['GET /collaborators/reader/permission']);
      expect(coder.requests).toEqual([]);
    });

    it('fails closed when the permission check errors', async () => {
      github.failures['GET /collaborators/{user}/permission'] = 502;
      const event = payload('issue_comment', 'created', (p) => {
        p.comment.body = '/coder go';
      });
      const result = await run('issue_comment', event);
      expect(result.code).toBe(0);
      expect(result.outputs).toEqual({ skipped: 'true' });
      expect(result.stdout).toContain('HTTP 502');
      expect(githubCalls(github)).toEqual(['GET /collaborators/Codertocat/permission']);
      expect(coder.requests).toEqual([]);
    });

    it('a second /coder on the same issue sends input to the existing task instead of creating another', async () => {
      const first = await run(
        'issue_comment',
        payload('issue_comment', 'created', (p) => {
          p.comment.body = '/coder first request';
        }),
      );
      expect(first.code, first.stderr).toBe(0);
      coder.requests.length = 0;
      const second = await run(
        'issue_comment',
        payload('issue_comment', 'created', (p) => {
          p.comment.id = 492700401;
          p.comment.body = '/coder and now a second request';
        }),
      );
      expect(second.code, second.stderr).toBe(0);
      expect(coderWrites(coder)).toEqual(['POST /api/v2/tasks/{user}/{task}/send']);
      expect(coder.requests.find((r) => r.method === 'POST')?.body).toEqual({
        input: expect.stringContaining('and now a second request'),
      });
      expect(coder.control.tasks()).toHaveLength(1);
      expect(second.outputs['task-created']).toBe('false');
      expect(second.outputs['task-id']).toBe(first.outputs['task-id']);
      expect(second.outputs['task-state']).toBe('complete');
      const latest = github.comments.get(Number(second.outputs['comment-id']));
      expect(latest?.body).toContain('sent to the existing task for this thread');
      expect(latest?.body).toContain('and now a second request');
      expect(github.comments.size).toBe(2);
    });

    it('a failing build fails the step and says why in the comment', async () => {
      coder.control.failNextBuild({ error: 'terraform apply: quota exceeded' });
      const result = await run(
        'issue_comment',
        payload('issue_comment', 'created', (p) => {
          p.comment.body = '/coder go';
        }),
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('::error::');
      const comment = onlyComment();
      expect(comment.body).toContain('### ❌ Coder task: failed');
      expect(comment.body).toContain('terraform apply: quota exceeded');
      expect(result.outputs).toMatchObject({
        skipped: 'false',
        'task-created': 'true',
        'task-status': 'error',
      });
      expect(coderWrites(coder)).toEqual(['POST /api/v2/tasks/{user}']);
      noLeak(result);
    });

    it('a timeout fails the step, with the comment saying so', async () => {
      coder.control.scriptAgent('*', [
        { report: 'working', message: 'Thinking for a long time' },
        { after: 3_600_000, say: 'never' },
      ]);
      const result = await run(
        'issue_comment',
        payload('issue_comment', 'created', (p) => {
          p.comment.body = '/coder go';
        }),
        { 'wait-timeout': '3s' },
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('did not finish within wait-timeout');
      expect(onlyComment().body).toContain('### ⌛ Coder task: timed out');
      expect(onlyComment().body).toContain('Thinking for a long time');
      expect(result.outputs).toMatchObject({
        'task-status': 'active',
        'task-state': 'working',
        'task-created': 'true',
      });
    });

    it('a server without the tasks API fails the step with a clear reason and creates nothing', async () => {
      coder.control.setTasksEnabled(false);
      const result = await run(
        'issue_comment',
        payload('issue_comment', 'created', (p) => {
          p.comment.body = '/coder go';
        }),
      );
      expect(result.code).toBe(1);
      const comment = onlyComment();
      expect(comment.body).toContain('### ❌ Coder task: failed');
      expect(comment.body).toContain('does not serve the Tasks API');
      expect(result.outputs).toEqual({
        skipped: 'false',
        'comment-id': String(comment.id),
        'comment-url': comment.html_url,
      });
      expect(coder.control.tasks()).toEqual([]);
      noLeak(result);
    });

    it('a run cancelled while waiting leaves the comment saying so (post step)', async () => {
      coder.control.scriptAgent('*', [
        { report: 'working', message: 'Busy' },
        { after: 3_600_000, say: 'never' },
      ]);
      const event = payload('issue_comment', 'created', (p) => {
        p.comment.body = '/coder go';
      });
      let child: import('node:child_process').ChildProcess | undefined;
      const main = await run(
        'issue_comment',
        event,
        {},
        {
          onSpawn: (spawned) => {
            child = spawned;
          },
          // Cancel as soon as the task exists, as a person pressing "Cancel workflow" would.
          onStdout: (chunk) => {
            if (chunk.includes('Created the task')) child?.kill('SIGTERM');
          },
        },
      );
      expect(main.code).toBe('SIGTERM');
      const comment = onlyComment();
      expect(comment.body).not.toContain('cancelled');
      expect(main.state).toMatchObject({ 'comment-id': String(comment.id), 'task-name': TASK_NAME });
      expect(main.state.finished).toBeUndefined();
      github.calls.length = 0;
      const post = await run('issue_comment', event, {}, { step: 'post', state: main.state });
      expect(post.code, post.stderr).toBe(0);
      expect(githubCalls(github)).toEqual([`PATCH /issues/comments/${comment.id}`]);
      expect(comment.body).toContain('### 🛑 Coder task: run cancelled');
      expect(comment.body).toContain(`[Task ${TASK_NAME}](${main.state['task-url']})`);
      expect(comment.body).toContain('The workflow run was cancelled before the task finished.');
    });

    it('the post step of a run that finished changes nothing', async () => {
      const event = payload('issue_comment', 'created', (p) => {
        p.comment.body = '/coder go';
      });
      const main = await run('issue_comment', event);
      expect(main.state.finished).toBe('true');
      github.calls.length = 0;
      const post = await run('issue_comment', event, {}, { step: 'post', state: main.state });
      expect(post.code).toBe(0);
      expect(github.calls).toEqual([]);
    });

    it('workflow_dispatch with prompt and issue-number reads the thread and reports on it', async () => {
      const result = await run(
        'workflow_dispatch',
        payload('workflow_dispatch', undefined as unknown as string),
        {
          prompt: 'update the changelog',
          'issue-number': '1',
          'wait-for': 'none',
        },
        { repository: 'Codertocat/Hello-World' },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(githubCalls(github)).toEqual(['GET /collaborators/octocat/permission']);
      expect(result.outputs).toEqual({ skipped: 'true' });
      github.roles.octocat = 'admin';
      github.calls.length = 0;
      const allowed = await run(
        'workflow_dispatch',
        payload('workflow_dispatch', undefined as unknown as string),
        {
          prompt: 'update the changelog',
          'issue-number': '1',
          'wait-for': 'none',
        },
      );
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(githubCalls(github)).toEqual([
        'GET /collaborators/octocat/permission',
        'POST /issues/1/comments',
        'GET /issues/1',
        'GET /pulls/1',
        `PATCH /issues/comments/${allowed.outputs['comment-id']}`,
      ]);
      expect(createBody(coder).input).toContain('update the changelog');
      expect(onlyComment().body).toContain('### 📨 Coder task: request submitted');
      expect(allowed.outputs).toMatchObject({
        'task-created': 'true',
        'task-name': TASK_NAME,
        'task-status': 'pending',
      });
    });

    it('map-github-user creates the task for the commenter’s own Coder account', async () => {
      coder.control.addUser({ username: 'codertocat-coder', githubUserId: 21031067 });
      const event = payload('issue_comment', 'created', (p) => {
        p.comment.body = '/coder go';
      });
      const result = await run('issue_comment', event, { 'map-github-user': 'true', 'wait-for': 'active' });
      expect(result.code, result.stderr).toBe(0);
      expect(
        coder.requests.some((r) => r.path === '/api/v2/users' && r.query.q === 'github_com_user_id:21031067'),
      ).toBe(true);
      expect(coderWrites(coder)).toEqual(['POST /api/v2/tasks/{user}']);
      expect(coder.requests.find((r) => r.method === 'POST')?.path).toBe('/api/v2/tasks/codertocat-coder');
      expect(result.outputs['task-url']).toContain('/tasks/codertocat-coder/');
      expect(result.outputs['task-status']).toBe('active');
      expect(onlyComment().body).toContain('### ✅ Coder task: running');
    });

    it('an agent that never reports completion is done when it is idle again after working', async () => {
      coder.control.scriptAgent('*', [
        { report: 'working', message: 'Editing' },
        { say: 'Changed two files.' },
        { report: 'idle', message: 'Waiting for input' },
      ]);
      const result = await run(
        'issue_comment',
        payload('issue_comment', 'created', (p) => {
          p.comment.body = '/coder go';
        }),
      );
      expect(result.code, result.stderr).toBe(0);
      expect(result.outputs).toMatchObject({ 'task-status': 'active', 'task-state': 'idle' });
      expect(onlyComment().body).toContain('### ✅ Coder task: complete');
      expect(onlyComment().body).toContain('Changed two files.');
    });

    it('huge logs with secrets in them: the comment fits, says what it left out, and leaks nothing', async () => {
      const secretLine = `my token is ${coder.token} and ${GITHUB_TOKEN}`;
      coder.control.scriptAgent('*', [
        { report: 'working', message: 'Dumping' },
        ...Array.from({ length: 8 }, (_, i) => ({
          say: `chunk ${i} ${'```<details>@org/team '.repeat(1_000)}`,
        })),
        { say: secretLine },
        { report: 'complete', message: `Done ${coder.token}` },
      ]);
      const result = await run(
        'issue_comment',
        payload('issue_comment', 'created', (p) => {
          p.comment.body = '/coder go';
        }),
      );
      expect(result.code, result.stderr).toBe(0);
      const comment = onlyComment();
      expect(comment.body.length).toBeLessThanOrEqual(65_536);
      expect(comment.body).toMatch(/_\d+ earlier messages? and \d+ characters in all were left out to fit/);
      expect(comment.body).toContain('my token is [REDACTED] and [REDACTED]');
      expect(result.outputs['logs-truncated']).toBe('true');
      expect(result.summary).toContain('chunk 0 ');
      noLeak(result);
    });

    it('an invalid input fails before any request', async () => {
      const result = await run(
        'issue_comment',
        payload('issue_comment', 'created', (p) => {
          p.comment.body = '/coder go';
        }),
        { 'wait-for': 'forever' },
      );
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'Input "wait-for": expected "active", "complete" or "none", got "forever".',
      );
      expect(github.calls).toEqual([]);
      expect(coder.requests).toEqual([]);
    });
  });
}
