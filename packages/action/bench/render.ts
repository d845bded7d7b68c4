// Rendering the conversation for the status comment and the job summary, on logs of growing size. What
// can be shown is bounded (65,536 characters, 1 MB), so past that the time should stop growing.
import { performance } from 'node:perf_hooks';
import { createRedactor } from '../src/redact';
import { COMMENT_LIMIT, SUMMARY_LIMIT_BYTES } from '../src/render-comment';
import { type LogMessage, renderConversation } from '../src/render-logs';

const utf16 = (text: string) => text.length;
const utf8 = (text: string) => Buffer.byteLength(text);

/** `totalBytes` of agent output in `count` messages of plain prose with code, alternating in and out. */
function logsOf(totalBytes: number, count: number): LogMessage[] {
  const line = 'The agent ran `pnpm test` and read src/login.test.ts: the retry waits 50 ms, not 500 ms.\n';
  const each = Math.max(1, Math.floor(totalBytes / count));
  const content = line.repeat(Math.ceil(each / line.length)).slice(0, each);
  return Array.from({ length: count }, (_, i) => ({ type: i % 2 === 0 ? 'input' : 'output', content }));
}

function timeRender(messages: LogMessage[]): number {
  const redact = createRedactor(['bench-coder-token-123456', 'ghs_benchGitHubToken1234567890']);
  const started = performance.now();
  renderConversation(messages, {
    budget: COMMENT_LIMIT,
    measure: utf16,
    redact,
    fullLogsAt: 'the job summary',
  });
  renderConversation(messages, { budget: SUMMARY_LIMIT_BYTES, measure: utf8, redact, fullLogsAt: 'Coder' });
  return performance.now() - started;
}

const SIZES: [string, number][] = [
  ['64 KB', 64 * 1024],
  ['1 MB', 1024 * 1024],
  ['10 MB', 10 * 1024 * 1024],
  ['100 MB', 100 * 1024 * 1024],
];

/** Rows of the render table: comment + job summary, for 200 messages and for one message. */
export function renderRows(runs: number): string[] {
  const rows = ['| logs | 200 messages | 1 message | goal |', '|---|---|---|---|'];
  for (const [label, bytes] of SIZES) {
    const cells = [200, 1].map((count) => {
      const messages = logsOf(bytes, count);
      const times = Array.from({ length: runs }, () => timeRender(messages)).sort((a, b) => a - b);
      return `${(times[times.length >> 1] ?? 0).toFixed(1)} ms`;
    });
    rows.push(`| ${label} | ${cells.join(' | ')} | ${bytes >= 10 * 1024 * 1024 ? '< 30 ms' : ''} |`);
  }
  rows.push(
    '',
    `Median of ${runs} renders of both the comment (65,536 characters) and the job summary (1 MB).`,
  );
  return rows;
}
