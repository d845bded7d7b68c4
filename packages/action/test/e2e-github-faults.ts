import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coderWrites, githubCalls, issueComment, useEndToEnd } from './e2e-harness';

const FINAL = '### ✅ Coder task: complete';
const SECONDARY_LIMIT =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

/** GitHub failing under the action: the status comment must still end up telling the truth, once. */
export function defineGitHubFaultTests(label: string, node: string): void {
  describe(`GitHub faults, with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node);
    const { run, onlyComment, noLeak } = e2e;
    const finalPatches = () =>
      e2e.github.calls.filter((c) => c.method === 'PATCH' && JSON.stringify(c.body).includes(FINAL));

    it('a final edit answered 502 is tried again and lands', async () => {
      e2e.github.failures['PATCH /issues/comments/{n}'] = { status: 502, times: 1, bodyIncludes: FINAL };
      const result = await run('issue_comment', issueComment('/coder go'));
      expect(result.code, result.stdout).toBe(0);
      expect(finalPatches().map((c) => c.status)).toEqual([502, 200]);
      expect(onlyComment().body).toContain(FINAL);
      expect(result.state.finished).toBe('true');
    });

    it('a final edit refused by the secondary rate limit waits out retry-after and lands', async () => {
      e2e.github.failures['PATCH /issues/comments/{n}'] = {
        status: 403,
        times: 1,
        bodyIncludes: FINAL,
        message: SECONDARY_LIMIT,
        headers: { 'retry-after': '1' },
      };
      const result = await run('issue_comment', issueComment('/coder go'));
      expect(result.code, result.stdout).toBe(0);
      expect(finalPatches().map((c) => c.status)).toEqual([403, 200]);
      expect(result.stdout).toContain("GitHub's secondary rate limit on PATCH");
      expect(onlyComment().body).toContain(FINAL);
    });

    it('a final edit that never lands fails the step as stale, and the post step writes it', async () => {
      e2e.github.failures['PATCH /issues/comments/{n}'] = { status: 502, bodyIncludes: FINAL };
      const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
      try {
        const event = issueComment('/coder go');
        const main = await run('issue_comment', event, {}, { runnerTemp });
        expect(main.code).toBe(1);
        expect(main.stdout).toContain(
          '::error::The status comment could not be updated with the result, so it is stale',
        );
        expect(main.state.finished).toBeUndefined();
        expect(onlyComment().body).not.toContain(FINAL);
        delete e2e.github.failures['PATCH /issues/comments/{n}'];
        e2e.github.calls.length = 0;
        const post = await run('issue_comment', event, {}, { step: 'post', state: main.state, runnerTemp });
        expect(post.code, post.stdout).toBe(0);
        expect(githubCalls(e2e.github)).toEqual([`PATCH /issues/comments/${onlyComment().id}`]);
        expect(onlyComment().body).toContain(FINAL);
        expect(onlyComment().body).toContain('**← The agent**');
        expect(post.stdout).toContain(
          'The status comment now shows the result that the main step could not write.',
        );
        noLeak(main);
      } finally {
        rmSync(runnerTemp, { recursive: true, force: true });
      }
    });

    it('the post step posts the final comment again when the stale one was deleted meanwhile', async () => {
      e2e.github.failures['PATCH /issues/comments/{n}'] = { status: 502, bodyIncludes: FINAL };
      const runnerTemp = mkdtempSync(join(tmpdir(), 'runner-temp-'));
      try {
        const event = issueComment('/coder go');
        const main = await run('issue_comment', event, {}, { runnerTemp });
        expect(main.code).toBe(1);
        delete e2e.github.failures['PATCH /issues/comments/{n}'];
        const stale = onlyComment().id;
        e2e.github.comments.delete(stale);
        e2e.github.calls.length = 0;
        const post = await run('issue_comment', event, {}, { step: 'post', state: main.state, runnerTemp });
        expect(post.code, post.stdout).toBe(0);
        expect(githubCalls(e2e.github)).toEqual([
          `PATCH /issues/comments/${stale}`,
          'POST /issues/1/comments',
        ]);
        expect(onlyComment().body).toContain(FINAL);
      } finally {
        rmSync(runnerTemp, { recursive: true, force: true });
      }
    });

    it('a status comment deleted mid-run is posted again, and the run goes on to the end', async () => {
      e2e.coder.control.scriptAgent('*', [
        { report: 'working', message: 'Busy' },
        { after: 1_500, say: 'Done now' },
        { report: 'complete', message: 'Done' },
      ]);
      let deleted: number | undefined;
      const result = await run(
        'issue_comment',
        issueComment('/coder go'),
        {},
        {
          onStdout: (chunk) => {
            if (deleted === undefined && chunk.includes('Created the task')) {
              deleted = [...e2e.github.comments.keys()][0];
              if (deleted !== undefined) e2e.github.comments.delete(deleted);
            }
          },
        },
      );
      expect(deleted).toBeDefined();
      expect(result.code, result.stdout).toBe(0);
      const comment = onlyComment();
      expect(comment.id).not.toBe(deleted);
      expect(comment.body).toContain(FINAL);
      expect(result.outputs['comment-id']).toBe(String(comment.id));
      expect(result.state['comment-id']).toBe(String(comment.id));
      expect(result.stdout).not.toContain('Could not update the status comment');
    });

    it('a comment POST answered 502 after it landed is found on the thread and adopted, not posted twice', async () => {
      e2e.github.failures['POST /issues/{n}/comments'] = { status: 502, times: 1, afterHandler: true };
      const result = await run('issue_comment', issueComment('/coder go'));
      expect(result.code, result.stdout).toBe(0);
      const comment = onlyComment();
      expect(comment.body).toContain(FINAL);
      expect(githubCalls(e2e.github).slice(0, 4)).toEqual([
        'GET /collaborators/Codertocat/permission',
        'POST /issues/comments/492700400/reactions',
        'POST /issues/1/comments',
        'GET /issues/1/comments',
      ]);
      expect(githubCalls(e2e.github).filter((c) => c.startsWith('POST /issues/1/comments'))).toHaveLength(1);
      expect(result.outputs['comment-id']).toBe(String(comment.id));
      expect(coderWrites(e2e.coder)).toEqual(['POST /api/v2/tasks/{user}']);
    });

    it('a comment POST answered 502 before it landed is posted again after looking', async () => {
      e2e.github.failures['POST /issues/{n}/comments'] = { status: 502, times: 1 };
      const result = await run('issue_comment', issueComment('/coder go'));
      expect(result.code, result.stdout).toBe(0);
      expect(onlyComment().body).toContain(FINAL);
      expect(githubCalls(e2e.github).slice(2, 5)).toEqual([
        'POST /issues/1/comments',
        'GET /issues/1/comments',
        'POST /issues/1/comments',
      ]);
    });

    it('a permission check answered 502 once is tried again, and the request goes ahead', async () => {
      e2e.github.failures['GET /collaborators/{user}/permission'] = { status: 502, times: 1 };
      const result = await run('issue_comment', issueComment('/coder go'));
      expect(result.code, result.stdout).toBe(0);
      expect(githubCalls(e2e.github).slice(0, 2)).toEqual([
        'GET /collaborators/Codertocat/permission',
        'GET /collaborators/Codertocat/permission',
      ]);
      expect(onlyComment().body).toContain(FINAL);
    });
  });
}
