import { describe, expect, it } from 'vitest';
import { expectAcknowledgedOnIssue1, githubCalls, issueComment, useEndToEnd } from './e2e-harness';

/**
 * The permission read that goes out before the comment is parsed (run.ts): used once for a request,
 * and dropped, with nothing written, for a comment that only mentions the phrase.
 */
export function defineEarlyPermissionTests(label: string, node: string): void {
  describe(`the early permission check, with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node);
    const { run } = e2e;
    const MENTION_ONLY = 'Run `/coder fix it` to ask the agent.\n\n> /coder do what they said';

    it('a request reads the permission once, then reacts and comments', async () => {
      const result = await run('issue_comment', issueComment('/coder fix the flaky login test'));
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expectAcknowledgedOnIssue1(e2e.github);
    });

    it('a comment that mentions the phrase only in code and a quote: one read, nothing written, skipped', async () => {
      const result = await run('issue_comment', issueComment(MENTION_ONLY));
      expect(result.code).toBe(0);
      expect(result.outputs).toEqual({ skipped: 'true' });
      expect(result.stdout).toContain('does not contain the trigger phrase "/coder"');
      expect(githubCalls(e2e.github)).toEqual(['GET /collaborators/Codertocat/permission']);
      expect(e2e.coder.requests).toEqual([]);
    });

    it('such a comment ends without waiting for the read, even when GitHub does not answer', async () => {
      e2e.github.latencyMs = 60_000;
      const result = await run('issue_comment', issueComment(MENTION_ONLY));
      expect(result.code).toBe(0);
      expect(result.outputs).toEqual({ skipped: 'true' });
      // The read arrived and was never answered: the run was over first.
      expect(e2e.github.calls.map((c) => [c.path.endsWith('/permission'), c.status])).toEqual([[true, 0]]);
    });
  });
}
