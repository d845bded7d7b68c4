import fc from 'fast-check';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { normalizeCodeText } from './markdown';
import { createRedactor } from './redact';
import { COMMENT_LIMIT, renderStatus } from './render-comment';
import type { LogMessage } from './render-logs';

const CODER_TOKEN = 'Ab3dE6gH9k-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y';
const GITHUB_TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const redact = createRedactor([CODER_TOKEN, GITHUB_TOKEN]);
const FRAGMENTS = [
  '`',
  '``',
  '```',
  '````````',
  '~~~',
  '<details>',
  '</details>',
  '<summary>x</summary>',
  '<script>alert(1)</script>',
  '<!--',
  '-->',
  '@org/team',
  '@alice',
  '#1',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '    ',
  '> ',
  '# ',
  '- ',
  '|a|b|',
  '\\',
  '&amp;',
  '*',
  '_',
  '[x](javascript:alert(1))',
  '</code></pre>',
  '\0',
  '\uD800',
  '😀',
  '漢字',
  '\u202E',
  ' ',
  'text',
  CODER_TOKEN,
  GITHUB_TOKEN,
];
const content = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...FRAGMENTS), fc.integer({ min: 1_000, max: 40_000 }))
      .map(([f, n]) => f.repeat(n)),
  },
);
const messages = fc.array(fc.record({ type: fc.constantFrom('input', 'output', 'other'), content }), {
  maxLength: 30,
});

function decode(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const ALLOWED_OUTSIDE_CODE = [
  /^<!-- coder-tasks-action -->$/,
  /^<h3>✅ Coder task: complete<\/h3>$/,
  /^<p><a href="[^"]+">Task <code>gh-r-1-abc<\/code><\/a> · <a href="[^"]+">Workflow run<\/a><\/p>$/,
  /^<p>status <code>active<\/code><\/p>$/,
  /^<details><summary>Conversation \(\d+ messages\)<\/summary>$/,
  /^<\/details>$/,
  /^<p><strong>(→ Sent to the agent|← The agent|Message of type <code>other<\/code>)<\/strong>( \(its first \d+ characters left out\))?<\/p>$/,
  /^<p><em>\d+ earlier messages? and \d+ characters in all were left out to fit; the full conversation is in the job summary of the workflow run\.<\/em><\/p>$/,
  /^<p><em>The task has no messages yet\.<\/em><\/p>$/,
  /^<p><sub>Posted by the Coder Tasks action; this comment is updated in place\.<\/sub><\/p>$/,
];

function check(logs: LogMessage[]): void {
  const { body } = renderStatus(
    {
      phase: 'complete',
      noun: 'task',
      runUrl: 'https://github.com/o/r/actions/runs/1',
      task: {
        name: 'gh-r-1-abc',
        url: 'https://c/t',
        status: 'active',
        state: undefined,
        message: undefined,
      },
      logs,
    },
    { redact },
  );
  expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
  expect(body).not.toContain(CODER_TOKEN);
  expect(body).not.toContain(GITHUB_TOKEN);
  const html = micromark(body, {
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
    allowDangerousHtml: true,
  });
  const blocks: string[] = [];
  const outside = html.replace(
    /<pre><code class="language-text">([\s\S]*?)<\/code><\/pre>/g,
    (_, inner: string) => {
      blocks.push(decode(inner));
      return '';
    },
  );
  // Nothing from a log escapes its block: what is left is only the comment's own frame.
  for (const line of outside.split('\n').filter((l) => l.trim() !== '')) {
    expect(
      ALLOWED_OUTSIDE_CODE.some((pattern) => pattern.test(line)),
      `outside a code block: ${line.slice(0, 200)}`,
    ).toBe(true);
  }
  // The blocks are the newest messages, in order, each character intact (the oldest kept may lose its start).
  const expected = logs.map((m) => normalizeCodeText(redact(m.content)));
  expect(blocks.length).toBeLessThanOrEqual(expected.length);
  const kept = expected.slice(expected.length - blocks.length);
  blocks.forEach((block, i) => {
    const want = kept[i] ?? '';
    const text = block.endsWith('\n') ? block.slice(0, -1) : block;
    if (i === 0) expect(want.endsWith(text)).toBe(true);
    else expect(text).toBe(want);
  });
  if (logs.length > 0) expect(blocks.length).toBeGreaterThan(0);
}

describe('the rendered comment (property)', () => {
  it('keeps every log character inside code blocks, leaks no token, and fits 65,536 characters', () => {
    fc.assert(fc.property(messages, check), { numRuns: 150 });
  });

  it('holds for huge logs', () => {
    const huge = fc.array(
      fc.record({
        type: fc.constantFrom('input', 'output'),
        content: fc
          .tuple(fc.constantFrom(...FRAGMENTS), fc.integer({ min: 20_000, max: 120_000 }))
          .map(([f, n]) => f.repeat(n)),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(fc.property(huge, check), { numRuns: 15 });
  });
});
