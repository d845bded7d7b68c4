import { describe, expect, it } from 'vitest';
import {
  coderWrites,
  expectAcknowledgedOnIssue1,
  githubCalls,
  issueComment,
  TASK_NAME,
  useEndToEnd,
} from './e2e-harness';
import { type Json, payload } from './webhook-payloads';

/** Events that are not for the action, refusals, failures and cancellations. */
export function defineRefusalAndFailureTests(label: string, node: string): void {
  describe(`refusals and failures, with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node);
    const { run, onlyComment, noLeak } = e2e;

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
        'a deleted comment',
        'issue_comment',
        'deleted',
        (p: Record<string, Json>) => {
          p.comment.body = '/coder go';
        },
        'only new comments',
      ],
      [
        'an edited review comment',
        'pull_request_review_comment',
        'edited',
        (p: Record<string, Json>) => {
          p.comment.body = '/coder go';
        },
        'only new comments',
      ],
      [
        // With a personal access token the action's own comments are not a bot's: the marker stops the loop.
        'a comment written by this action (hidden marker)',
        'issue_comment',
        'created',
        (p: Record<string, Json>) => {
          p.comment.body = '<!-- coder-tasks-action -->\n### 👀 Coder: on it\n/coder go';
        },
        'written by this action',
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
        expect(e2e.github.calls).toEqual([]);
        expect(e2e.coder.requests).toEqual([]);
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
      expect(githubCalls(e2e.github)).toEqual(['GET /collaborators/reader/permission']);
      expect(e2e.coder.requests).toEqual([]);
    });

    it('fails closed but visibly when the permission check keeps failing: the step fails, nothing is posted', async () => {
      e2e.github.failures['GET /collaborators/{user}/permission'] = 502;
      const event = issueComment('/coder go');
      const result = await run('issue_comment', event);
      expect(result.code).toBe(1);
      expect(result.outputs).toEqual({ skipped: 'true' });
      expect(result.stdout).toContain('::error::Not authorized: the permission check could not be made');
      expect(result.stdout).toContain('HTTP 502');
      // The GitHub client tries a failing read three more times, then the run gives up.
      expect(githubCalls(e2e.github)).toEqual(
        Array.from({ length: 4 }, () => 'GET /collaborators/Codertocat/permission'),
      );
      expect(e2e.coder.requests).toEqual([]);
    });

    it('a failing build fails the step and says why in the comment', async () => {
      // The build error quotes the token, as a careless provisioner might: the reason must be redacted.
      e2e.coder.control.failNextBuild({
        error: `terraform apply: quota exceeded (token ${e2e.coder.token})`,
      });
      const result = await run('issue_comment', issueComment('/coder go'));
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('::error::');
      const comment = onlyComment();
      expectAcknowledgedOnIssue1(e2e.github);
      expect(comment.body).toContain('### ❌ Coder task: failed');
      expect(comment.body).toContain('terraform apply: quota exceeded (token [REDACTED])');
      expect(result.stdout).toContain('terraform apply: quota exceeded (token [REDACTED])');
      expect(result.summary).toContain('terraform apply: quota exceeded (token [REDACTED])');
      expect(result.outputs).toMatchObject({
        skipped: 'false',
        'task-created': 'true',
        'task-status': 'error',
      });
      expect(coderWrites(e2e.coder)).toEqual(['POST /api/v2/tasks/{user}']);
      noLeak(result);
    });

    it('a timeout fails the step, with the comment saying so', async () => {
      e2e.coder.control.scriptAgent('*', [
        { report: 'working', message: 'Thinking for a long time' },
        { after: 3_600_000, say: 'never' },
      ]);
      const result = await run('issue_comment', issueComment('/coder go'), { 'wait-timeout': '3s' });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('did not finish within wait-timeout');
      expectAcknowledgedOnIssue1(e2e.github);
      expect(onlyComment().body).toContain('### ⌛ Coder task: timed out');
      expect(onlyComment().body).toContain('Thinking for a long time');
      expect(result.outputs).toMatchObject({
        'task-status': 'active',
        'task-state': 'working',
        'task-created': 'true',
      });
    });

    it('a timeout while the workspace still starts shows no agent state: the "working" Coder makes up is not work', async () => {
      e2e.coder.control.setDurations({ buildRunning: 3_600_000 });
      const result = await run('issue_comment', issueComment('/coder go'), { 'wait-timeout': '2s' });
      expect(result.code).toBe(1);
      const body = onlyComment().body;
      expect(body).toContain('### ⌛ Coder task: timed out');
      expect(body).toContain('status `initializing`');
      expect(body).not.toContain('state `working`');
      expect(result.outputs).toMatchObject({ 'task-status': 'initializing', 'task-created': 'true' });
    });

    it('a server without the tasks API fails the step with a clear reason and creates nothing', async () => {
      e2e.coder.control.setTasksEnabled(false);
      // With backend: auto this server's Chats would take the work; Tasks is asked for here.
      const result = await run('issue_comment', issueComment('/coder go'), { backend: 'tasks' });
      expect(result.code).toBe(1);
      const comment = onlyComment();
      expectAcknowledgedOnIssue1(e2e.github);
      // It failed before a task or a chat took the work: the headline names neither.
      expect(comment.body).toContain('### ❌ Coder: failed');
      expect(comment.body).toContain('does not serve the Tasks API');
      expect(result.outputs).toEqual({
        skipped: 'false',
        'comment-id': String(comment.id),
        'comment-url': comment.html_url,
      });
      expect(e2e.coder.control.tasks()).toEqual([]);
      expect(e2e.coder.control.chats.chats()).toEqual([]);
      noLeak(result);
    });

    it('the Coder token expiring while the action waits fails the step, with the comment saying to check it', async () => {
      e2e.coder.control.scriptAgent('*', [
        { report: 'working', message: 'Busy' },
        { after: 3_600_000, say: 'never' },
      ]);
      let expired = false;
      const result = await run(
        'issue_comment',
        issueComment('/coder go'),
        {},
        {
          onStdout: (chunk) => {
            if (!expired && chunk.includes('Created the task')) {
              expired = true;
              e2e.coder.control.expireToken('admin');
              e2e.coder.control.dropWatchStreams();
            }
          },
        },
      );
      expect(expired).toBe(true);
      expect(result.code).toBe(1);
      const comment = onlyComment();
      expectAcknowledgedOnIssue1(e2e.github);
      expect(comment.body).toContain('### ❌ Coder task: failed');
      expect(comment.body).toMatch(
        /Coder answered GET \/api\/v2\/\S+ with 401: .*Check the coder-token secret/,
      );
      expect(result.stdout).toContain('Check the coder-token secret');
      expect(result.outputs).toMatchObject({
        skipped: 'false',
        'task-created': 'true',
        'task-name': TASK_NAME,
      });
      expect(result.outputs['task-status']).toMatch(/^(pending|initializing|active)$/);
      noLeak(result);
    });

    it('a run cancelled while waiting leaves the comment saying so (post step)', async () => {
      e2e.coder.control.scriptAgent('*', [
        { report: 'working', message: 'Busy' },
        { after: 3_600_000, say: 'never' },
      ]);
      const event = issueComment('/coder go');
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
      e2e.github.calls.length = 0;
      const post = await run('issue_comment', event, {}, { step: 'post', state: main.state });
      expect(post.code, post.stderr).toBe(0);
      expect(githubCalls(e2e.github)).toEqual([`PATCH /issues/comments/${comment.id}`]);
      expect(comment.body).toContain('### 🛑 Coder task: run cancelled');
      expect(comment.body).toContain(`[Task \`${TASK_NAME}\`](${main.state['task-url']})`);
      expect(comment.body).toContain('The workflow run was cancelled before the task finished.');
    });

    it('the post step of a run that finished changes nothing', async () => {
      const event = issueComment('/coder go');
      const main = await run('issue_comment', event);
      expect(main.state.finished).toBe('true');
      e2e.github.calls.length = 0;
      const post = await run('issue_comment', event, {}, { step: 'post', state: main.state });
      expect(post.code).toBe(0);
      expect(e2e.github.calls).toEqual([]);
    });
  });
}
