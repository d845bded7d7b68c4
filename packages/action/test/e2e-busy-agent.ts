import { describe, expect, it } from 'vitest';
import { coderWrites, issueComment, TASK_NAME, useEndToEnd } from './e2e-harness';

const SEND = '/api/v2/tasks/{user}/{task}/send';

/** A task that is busy, fails or is paused while the action works with it. */
export function defineBusyAgentTests(label: string, node: string): void {
  describe(`a busy, failing or paused task, with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node);
    const { run, onlyComment, noLeak } = e2e;

    it('the one comment is edited in place while the agent works, with the task link before the end', async () => {
      // Work that outlasts the edit interval (3 s), so at least one progress edit lands before the end.
      e2e.coder.control.scriptAgent('*', [
        { report: 'working', message: 'Reading the code' },
        { after: 4_000, say: 'Done reading.' },
        { report: 'complete', message: 'Finished' },
      ]);
      const result = await run('issue_comment', issueComment('/coder go'));
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const comment = onlyComment();
      const runLink = '[Workflow run](https://github.com/Codertocat/Hello-World/actions/runs/4242)';
      const taskLink = `[Task \`${TASK_NAME}\`](${result.outputs['task-url']})`;
      const progress = comment.history.slice(1, -1);
      expect(progress.length).toBeGreaterThanOrEqual(1);
      for (const body of progress) {
        expect(body).toContain(`${taskLink} · ${runLink}`);
        expect(body).toMatch(/### (⏳ Coder task: starting|⚙️ Coder task: working)/);
      }
      expect(comment.body).toContain('### ✅ Coder task: complete');
      expect(
        e2e.github.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/comments')),
      ).toHaveLength(1);
    });

    it('a second /coder while the agent still works waits for it to be stable (409s), then sends', async () => {
      e2e.coder.control.scriptAgent('*', {
        replies: [
          {
            match: 'first request',
            steps: [
              { report: 'working', message: 'Still on the first request' },
              { after: 2_500, say: 'First done.' },
              { report: 'complete', message: 'First done' },
            ],
          },
        ],
        otherwise: [
          { report: 'working', message: 'On the second' },
          { say: 'Second done.' },
          { report: 'complete', message: 'Second done' },
        ],
      });
      const first = await run('issue_comment', issueComment('/coder first request'), {
        'wait-for': 'active',
      });
      expect(first.code, first.stderr).toBe(0);
      expect(first.outputs['task-status']).toBe('active');
      e2e.coder.requests.length = 0;

      const second = await run('issue_comment', issueComment('/coder the second request', 492700401));
      expect(second.code, second.stdout + second.stderr).toBe(0);
      const sends = e2e.coder.requests.filter((r) => r.route === SEND).map((r) => r.status);
      // Refused while the first reply runs, sent once the agent is stable, and only once.
      expect(sends.length).toBeGreaterThanOrEqual(2);
      expect(sends.slice(0, -1).every((status) => status === 409)).toBe(true);
      expect(sends.at(-1)).toBe(204);
      expect(coderWrites(e2e.coder).filter((w) => w !== `POST ${SEND}`)).toEqual([]);
      expect(e2e.coder.control.tasks()).toHaveLength(1);
      expect(second.outputs).toMatchObject({
        'task-created': 'false',
        'task-name': TASK_NAME,
        'task-state': 'complete',
      });
      const latest = e2e.github.comments.get(Number(second.outputs['comment-id']));
      // The wait ended on this request's completion, not on the first one's.
      expect(latest?.body).toContain('### ✅ Coder task: complete');
      expect(latest?.body).toContain('Second done');
      noLeak(second);
    });

    it('an agent that reports failure fails the step, and the comment says so with its message', async () => {
      e2e.coder.control.scriptAgent('*', [
        { report: 'working', message: 'Running the tests' },
        { say: 'The tests do not compile.' },
        { report: 'failure', message: 'Could not fix the build' },
      ]);
      const result = await run('issue_comment', issueComment('/coder fix the build'));
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('::error::The agent reported failure: Could not fix the build');
      const comment = onlyComment();
      expect(comment.body).toContain('### ❌ Coder task: failed');
      expect(comment.body).toContain(
        '**Reason**\n\n```text\nThe agent reported failure: Could not fix the build\n```',
      );
      expect(comment.body).toContain('The tests do not compile.');
      expect(result.outputs).toMatchObject({
        'task-status': 'active',
        'task-state': 'failed',
        skipped: 'false',
      });
      noLeak(result);
    });

    it('idle without having worked or answered is not done: the start-up "working" Coder makes up does not count', async () => {
      // The agent goes straight to idle and says nothing; only the synthesized state came before it.
      e2e.coder.control.scriptAgent('*', [{ report: 'idle', message: 'Ready for input' }]);
      const result = await run('issue_comment', issueComment('/coder go'), { 'wait-timeout': '3s' });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('did not finish within wait-timeout');
      expect(onlyComment().body).toContain('### ⌛ Coder task: timed out');
      expect(result.outputs).toMatchObject({ 'task-status': 'active', 'task-state': 'idle' });
    });

    it('a task paused while the action waits is reported as paused, with a warning', async () => {
      e2e.coder.control.scriptAgent('*', [
        { report: 'working', message: 'Busy for a long time' },
        { after: 3_600_000, say: 'never' },
      ]);
      let pausing: Promise<number> | undefined;
      const pause = async (): Promise<number> => {
        const task = await e2e.coder.control.waitForTask(TASK_NAME, (t) => t.status === 'active');
        const response = await fetch(`${e2e.coder.url}/api/v2/tasks/admin/${task.id}/pause`, {
          method: 'POST',
          headers: { 'Coder-Session-Token': e2e.coder.token },
        });
        return response.status;
      };
      const result = await run(
        'issue_comment',
        issueComment('/coder go'),
        {},
        {
          onStdout: (chunk) => {
            if (chunk.includes('Created the task') && pausing === undefined) pausing = pause();
          },
        },
      );
      expect(await pausing).toBe(202);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('::warning::The task was paused before it finished.');
      const comment = onlyComment();
      expect(comment.body).toContain('### ⏸️ Coder task: paused');
      expect(result.outputs).toMatchObject({ 'task-status': 'paused', 'task-created': 'true' });
      expect(result.summary).toContain('⏸️ Coder task: paused');
      noLeak(result);
    });
  });
}
