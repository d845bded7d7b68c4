import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { COMMENT_MARKER } from './marker';
import { createRedactor } from './redact';
import { COMMENT_LIMIT, renderStatus, type StatusView } from './render-comment';

const redact = createRedactor(['Ab3dE6gH9k-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y']);
const task = {
  name: 'gh-r-1-abcdef',
  url: 'https://coder.example.com/tasks/admin/1',
  status: 'active',
  state: 'complete',
  message: 'Done',
};
const view = (patch: Partial<StatusView>): StatusView => ({
  phase: 'complete',
  noun: 'task',
  runUrl: 'https://github.com/o/r/actions/runs/1',
  task,
  ...patch,
});

describe('renderStatus', () => {
  it('renders the marker, headline, links, facts and the agent message in a code block', () => {
    const { body, logsTruncated } = renderStatus(view({ requester: 'alice' }), { redact });
    expect(body).toBe(
      [
        COMMENT_MARKER,
        '### ✅ Coder task: complete',
        '[Task `gh-r-1-abcdef`](https://coder.example.com/tasks/admin/1) · [Workflow run](https://github.com/o/r/actions/runs/1)',
        'Requested by `alice` · status `active` · state `complete`',
        "**The agent's last status message**\n\n```text\nDone\n```",
        '<sub>Posted by the Coder Tasks action; this comment is updated in place.</sub>',
      ].join('\n\n'),
    );
    expect(logsTruncated).toBe(false);
  });

  it('names a chat as a chat, and neither before the run knows which it is', () => {
    const chat = { ...task, name: 'Fix the login test', url: 'https://coder.example.com/agents/7' };
    const { body } = renderStatus(view({ noun: 'chat', phase: 'working', task: chat, reused: true }), {
      redact,
    });
    expect(body).toContain('### ⚙️ Coder chat: working');
    expect(body).toContain('[Chat `Fix the login test`](https://coder.example.com/agents/7)');
    expect(body).toContain('sent to the existing chat for this thread');
    expect(body).not.toMatch(/\btask\b/);
    const first = renderStatus(view({ noun: undefined, phase: 'acknowledged', task: undefined }), { redact });
    expect(first.body).toContain('### 👀 Coder: on it');
    expect(
      renderStatus(view({ noun: undefined, phase: 'failed', task: undefined }), { redact }).body,
    ).toContain('### ❌ Coder: failed');
  });

  it('shows the conversation, a failure reason, and redacts both', () => {
    const { body } = renderStatus(
      view({
        phase: 'failed',
        reason: 'Coder said Ab3dE6gH9k-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y is bad',
        logs: [
          { type: 'input', content: 'fix it' },
          { type: 'output', content: 'my token is Ab3dE6gH9k-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y, see ```code```' },
        ],
      }),
      { redact },
    );
    expect(body).toContain('### ❌ Coder task: failed');
    expect(body).toContain('**Reason**\n\n```text\nCoder said [REDACTED] is bad\n```');
    expect(body).toContain(
      '<details><summary>Conversation (2 messages)</summary>\n\n**→ Sent to the agent**\n\n```text\nfix it\n```',
    );
    expect(body).toContain(
      '**← The agent**\n\n````text\nmy token is [REDACTED], see ```code```\n````\n\n</details>',
    );
    expect(body).not.toContain('Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y');
  });

  it('keeps the newest messages within 65,536 characters and says what it left out', () => {
    const logs = Array.from({ length: 400 }, (_, i) => ({
      type: i % 2 ? 'output' : 'input',
      content: `message ${i} `.repeat(40),
    }));
    const { body, logsTruncated } = renderStatus(view({ logs }), { redact });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body.length).toBeGreaterThan(COMMENT_LIMIT - 1_000);
    expect(logsTruncated).toBe(true);
    expect(body).toContain('message 399 ');
    expect(body).not.toContain('message 0 ');
    const note =
      /_(\d+) earlier messages and (\d+) characters in all were left out to fit; the full conversation is in the job summary of the workflow run\._/.exec(
        body,
      );
    expect(note).not.toBeNull();
    const left = Number(note?.[1]);
    expect(body).toContain(`message ${left} `);
    expect(body).not.toContain(`message ${left - 1} `);
  });

  it('keeps the end of one message that alone is too long', () => {
    const content = `${'start '.repeat(20_000)}THE END`;
    const { body, logsTruncated } = renderStatus(view({ logs: [{ type: 'output', content }] }), { redact });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(logsTruncated).toBe(true);
    expect(body).toContain('THE END\n```');
    expect(body).toMatch(/\*\*← The agent\*\* \(its first \d+ characters left out\)/);
    expect(body).toContain('_0 earlier messages and ');
  });

  it('shows a reason of megabytes as its redacted first 2,000 characters, redacting no more than a window', () => {
    const token = 'Ab3dE6gH9k-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y';
    const start = `${'x'.repeat(1_990)}${token}`;
    let redacted = 0;
    const counting = (text: string) => {
      redacted += text.length;
      return redact(text);
    };
    const short = renderStatus(view({ reason: `${start} the rest` }), { redact }).body;
    const long = renderStatus(view({ reason: `${start}${' and more'.repeat(1_000_000)}` }), {
      redact: counting,
    }).body;
    expect(long).toBe(short);
    expect(long).toContain('x[REDACTED]\n[… cut]');
    expect(redacted).toBeLessThan(100_000);
  });

  it('measures with the given measure and limit (the job summary counts bytes)', () => {
    const logs = [{ type: 'output', content: '漢'.repeat(50_000) }];
    const bytes = (text: string) => Buffer.byteLength(text);
    const { body } = renderStatus(view({ logs }), { redact, limit: 60_000, measure: bytes, marker: false });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(60_000);
    expect(body).not.toContain(COMMENT_MARKER);
  });

  it('says when there are no messages, and percent-encodes odd link characters', () => {
    const { body } = renderStatus(view({ logs: [], task: { ...task, url: 'https://c/tasks/a b/(x)' } }), {
      redact,
    });
    expect(body).toContain('_The task has no messages yet._');
    expect(body).toContain('(https://c/tasks/a%20b/%28x%29)');
  });
});

describe('renderStatus with text a hostile server controls', () => {
  const html = (markdown: string) =>
    micromark(markdown, { extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  // Outside <code> and <pre>, what GitHub would turn into links, mentions or markup.
  const outsideCode = (markdown: string) =>
    html(markdown).replace(/<pre>[\s\S]*?<\/pre>|<code>[\s\S]*?<\/code>/g, '');

  it('keeps a task name that tries to close the link text inside one code span', () => {
    const name = 'x](https://evil.example) @octo-org/admins [y';
    const { body } = renderStatus(view({ task: { ...task, name } }), { redact });
    expect(html(body)).not.toContain('href="https://evil.example"');
    expect(outsideCode(body)).not.toContain('@octo-org');
    expect(body).toContain(
      '[Task `x](https://evil.example) @octo-org/admins [y`](https://coder.example.com/tasks/admin/1)',
    );
  });

  it('puts a task name with line breaks on one line, so no line of the comment starts with it', () => {
    const name = 'x\n::warning ::pwned\n\n# Heading\n@octo-org/admins';
    const { body } = renderStatus(view({ task: { ...task, name } }), { redact });
    expect(body.split('\n').some((line) => line.startsWith('::') || line.startsWith('# '))).toBe(false);
    expect(outsideCode(body)).not.toContain('@octo-org');
    expect(html(body)).not.toContain('<h1>');
  });

  it.each([
    ['status', { status: 'active\n\n# Injected @octo-org/admins [x](https://evil.example)\n\n' }],
    ['state', { state: 'idle`\n\n<img src=x> @octo-org/admins' }],
  ])('keeps a %s with blank lines inside its code span', (_field, patch) => {
    const { body } = renderStatus(view({ task: { ...task, ...patch } }), { redact });
    expect(outsideCode(body)).not.toContain('@octo-org');
    expect(html(body)).not.toMatch(/<h1>|<img|href="https:\/\/evil/);
  });

  it('keeps a log entry type with line breaks and markup inside a code span', () => {
    const { body } = renderStatus(
      view({ logs: [{ type: 'x\n\n# Injected @octo-org/admins\n\n<b>bold</b>', content: 'hi' }] }),
      { redact },
    );
    expect(outsideCode(body)).not.toContain('@octo-org');
    expect(html(body)).not.toMatch(/<h1>|<b>bold/);
  });

  it('cuts a long status message without splitting a surrogate pair', () => {
    const message = `${'a'.repeat(1_999)}😀${'b'.repeat(10)}`;
    const { body } = renderStatus(view({ task: { ...task, message } }), { redact });
    expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(body).toContain(`${'a'.repeat(1_999)}\n[… cut]`);
  });
});
