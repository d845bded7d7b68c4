import { describe, expect, it } from 'vitest';
import {
  expectAcknowledgedOnIssue1,
  GITHUB_TOKEN,
  githubCalls,
  issueComment,
  useEndToEnd,
} from './e2e-harness';

/**
 * What happens before any work: invalid inputs fail before any request, and the permission read that
 * goes out before the comment is parsed (run.ts) is used once for a request and dropped, with nothing
 * written, for a comment that only mentions the phrase.
 */
export function defineBeforeWorkTests(label: string, node: string): void {
  describe(`before the work, with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node);
    const { run, noLeak } = e2e;
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

    it('an invalid input fails before any request', async () => {
      const result = await run('issue_comment', issueComment('/coder go'), { 'wait-for': 'forever' });
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'Input "wait-for": expected "active", "complete" or "none", got "forever".',
      );
      expect(e2e.github.calls).toEqual([]);
      expect(e2e.coder.requests).toEqual([]);
    });

    it('several invalid inputs are all reported in one run, each by name, before any request', async () => {
      const result = await run('issue_comment', issueComment('/coder go'), {
        'coder-url': 'coder.example.com',
        'wait-for': 'forever',
        'poll-interval': '5',
        'min-permission': 'owner',
      });
      expect(result.code).toBe(1);
      // Masked even when the run goes no further than validation.
      expect(result.stdout.split('\n').slice(0, 2)).toEqual([
        `::add-mask::${e2e.coder.token}`,
        `::add-mask::${GITHUB_TOKEN}`,
      ]);
      const errors = result.stdout.split('\n').filter((line) => line.startsWith('::error::'));
      expect(errors).toHaveLength(1);
      // The runner protocol writes the message's line breaks as %0A.
      expect(errors[0]?.split('%0A')).toEqual([
        '::error::4 inputs cannot be used:',
        '- Input "coder-url": expected an http(s) URL like https://coder.example.com.',
        '- Input "wait-for": expected "active", "complete" or "none", got "forever".',
        '- Input "poll-interval": expected a duration like 90s, 30m or 1h30m, got "5".',
        '- Input "min-permission": expected one of read, triage, write, maintain, admin, got "owner".',
      ]);
      expect(e2e.github.calls).toEqual([]);
      expect(e2e.coder.requests).toEqual([]);
      noLeak(result);
    });
  });
}
