import { describe, expect, it } from 'vitest';
import { issueComment, useEndToEnd } from './e2e-harness';

/** GitHub refuses a step summary over 1 MiB. */
const SUMMARY_LIMIT = 1024 * 1024;

/** Logs too big for any of GitHub's limits. */
export function defineLimitTests(label: string, node: string): void {
  describe(`GitHub's size limits, with the committed bundle on ${label}`, () => {
    const e2e = useEndToEnd(node);
    const { run, onlyComment, noLeak } = e2e;

    it('logs over 1 MiB: the job summary stays under 1 MiB, keeps the newest and says what it left out', async () => {
      e2e.coder.control.scriptAgent('*', [
        { report: 'working', message: 'Writing a lot' },
        ...Array.from({ length: 6 }, (_, i) => ({
          say: `start ${i} ${'漢字 and `ticks` '.repeat(15_000)} end ${i}`,
        })),
        { report: 'complete', message: 'Wrote a lot' },
      ]);
      const result = await run('issue_comment', issueComment('/coder go'));
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(Buffer.byteLength(result.summary)).toBeLessThanOrEqual(SUMMARY_LIMIT);
      expect(Buffer.byteLength(result.summary)).toBeGreaterThan(SUMMARY_LIMIT / 2);
      expect(result.summary).toContain(' end 5');
      expect(result.summary).not.toContain('start 0 ');
      expect(result.summary).toMatch(
        /_\d+ earlier messages? and \d+ characters in all were left out to fit; the full conversation is in the task page in Coder\._/,
      );
      const comment = onlyComment();
      expect(comment.body.length).toBeLessThanOrEqual(65_536);
      expect(comment.body).toContain(' end 5');
      expect(result.outputs['logs-truncated']).toBe('true');
      noLeak(result);
    });
  });
}
