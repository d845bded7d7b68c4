import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeBlock, codeSpan, details, normalizeCodeText } from './markdown';
import { createRedactor, REDACTED } from './redact';
import { REDACTION_MARGIN } from './redact-window';
import { COMMENT_LIMIT, SUMMARY_LIMIT_BYTES } from './render-comment';
import {
  type ConversationOptions,
  type LogMessage,
  type RenderedLogs,
  renderConversation,
} from './render-logs';

const CODER_TOKEN = 'Ab3dE6gH9k-Xq7Zp9Kw3Lm5Nb2Vc8Rt4Y';
const GITHUB_TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const redact = createRedactor([CODER_TOKEN, GITHUB_TOKEN]);
const utf16 = (text: string) => text.length;
const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

// The renderer before it was bounded by its budget, kept as the oracle: it redacts and renders every
// message whole, then keeps the newest that fit.
const LABELS: Record<string, string> = { input: '→ Sent to the agent', output: '← The agent' };
function oldBlock(type: string, text: string, cutCharacters: number): string {
  const label = LABELS[type] ?? `Message of type ${codeSpan(type, 40)}`;
  const cut = cutCharacters > 0 ? ` (its first ${cutCharacters} characters left out)` : '';
  return `**${label}**${cut}\n\n${codeBlock(text)}`;
}
function oldRender(messages: readonly LogMessage[], options: ConversationOptions): RenderedLogs {
  const { measure, budget } = options;
  const texts = messages.map((message) => normalizeCodeText(options.redact(message.content)));
  const wrap = (inner: string): string => details(`Conversation (${messages.length} messages)`, inner);
  const overhead = measure(wrap('')) + 240;
  if (messages.length > 0 && overhead > budget) {
    const all = texts.reduce((sum, text) => sum + text.length, 0);
    const markdown = `_The conversation (${messages.length} messages) did not fit here; it is in ${options.fullLogsAt}._`;
    return { markdown, omittedMessages: messages.length, omittedCharacters: all, truncated: true };
  }
  const kept: string[] = [];
  let used = overhead;
  let omittedCharacters = 0;
  let index = messages.length - 1;
  for (; index >= 0; index--) {
    const type = messages[index]?.type ?? '';
    const text = texts[index] ?? '';
    const rendered = oldBlock(type, text, 0);
    const cost = measure(rendered) + 2;
    if (used + cost <= budget) {
      kept.unshift(rendered);
      used += cost;
      continue;
    }
    if (kept.length === 0) {
      const tail = oldFitTail(
        text,
        (candidate, cut) => used + measure(oldBlock(type, candidate, cut)) + 2 <= budget,
      );
      if (tail !== undefined) {
        kept.unshift(oldBlock(type, tail, text.length - tail.length));
        omittedCharacters += text.length - tail.length;
        index--;
      }
    }
    break;
  }
  const omittedMessages = index + 1;
  for (let i = 0; i <= index; i++) omittedCharacters += texts[i]?.length ?? 0;
  const truncated = omittedMessages > 0 || omittedCharacters > 0;
  const note = truncated
    ? `_${omittedMessages} earlier message${omittedMessages === 1 ? '' : 's'} and ${omittedCharacters} characters in all were left out to fit; the full conversation is in ${options.fullLogsAt}._\n\n`
    : '';
  const markdown = messages.length === 0 ? '_The task has no messages yet._' : wrap(note + kept.join('\n\n'));
  return { markdown, omittedMessages, omittedCharacters, truncated };
}
function oldFitTail(text: string, fits: (tail: string, cut: number) => boolean): string | undefined {
  const at = (start: number): string => {
    const low = text.charCodeAt(start);
    const s = start > 0 && start < text.length && low >= 0xdc00 && low <= 0xdfff ? start + 1 : start;
    return text.slice(s);
  };
  if (!fits('', text.length)) return undefined;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const tail = at(mid);
    if (fits(tail, text.length - tail.length)) high = mid;
    else low = mid + 1;
  }
  return at(high).replace(/^\n+/, '');
}

const FRAGMENTS = [
  '`',
  '````',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '\t',
  '\0',
  '\uD800',
  '\uDC00',
  '😀',
  '漢字',
  '\u200B',
  'text ',
  'token=hunter2hunter2 ',
  '-----BEGIN PRIVATE KEY-----\nMIIE',
  '-----END PRIVATE KEY-----',
  CODER_TOKEN,
  GITHUB_TOKEN,
  CODER_TOKEN.slice(0, 17),
  CODER_TOKEN.slice(17),
];
const content = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
  {
    // Long runs, some of which cleaning shrinks far below their length (blank lines, tokens).
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...FRAGMENTS), fc.integer({ min: 100, max: 200_000 }))
      .map(([f, n]) => f.repeat(Math.ceil(n / f.length))),
  },
);
const messages = fc.array(fc.record({ type: fc.constantFrom('input', 'output', 'other'), content }), {
  maxLength: 12,
});
const budgets = fc.constantFrom(
  { budget: COMMENT_LIMIT, measure: utf16 },
  { budget: 3_000, measure: utf16 },
  { budget: 20_000, measure: utf8 },
  { budget: SUMMARY_LIMIT_BYTES, measure: utf8 },
);

/** The text inside a fenced code block (the fences of both renderings may differ in length). */
const codeText = (block: string): string => block.replace(/^`{3,}text\n/, '').replace(/\n`{3,}$/, '');
/**
 * How many characters the kept end of a message cut in part may differ by between the two renderings:
 * each unit of budget the counts' digits (the note's and the heading's) or a longer fence take is at
 * most one character of the end.
 */
const COUNT_DIGITS_SLACK = 18;

describe('renderConversation', () => {
  it('renders logs that fit exactly as redacting and rendering every message whole does', () => {
    fc.assert(
      fc.property(messages, budgets, (logs, { budget, measure }) => {
        const options = { budget, measure, redact, fullLogsAt: 'the job summary' };
        const old = oldRender(logs, options);
        const now = renderConversation(logs, options);
        if (!old.truncated) expect(now).toEqual(old);
        else {
          // Past the budget it may count what it left out differently (characters as read, not as
          // redacted), and only that: the same messages are kept, and of the one kept in part, the same
          // end, longer or shorter only by what the counts' digits take of the budget.
          expect(now.truncated).toBe(true);
          expect(now.omittedMessages).toBe(old.omittedMessages);
          const blocks = (r: RenderedLogs) => r.markdown.split('\n\n').slice(2);
          expect(blocks(now).slice(2)).toEqual(blocks(old).slice(2));
          const partNow = codeText(blocks(now)[1] ?? '');
          const partOld = codeText(blocks(old)[1] ?? '');
          const [shorter, longer] =
            partNow.length <= partOld.length ? [partNow, partOld] : [partOld, partNow];
          expect(longer.endsWith(shorter)).toBe(true);
          expect(longer.length - shorter.length).toBeLessThanOrEqual(COUNT_DIGITS_SLACK);
          expect(measure(now.markdown)).toBeLessThanOrEqual(budget);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('redacts no more than what can be kept and the margin before it, however long the logs', () => {
    let redacted = 0;
    const counting = (text: string) => {
      redacted += text.length;
      return redact(text);
    };
    const line = 'The agent ran the tests and read the log of the retry.\n';
    const logs = Array.from({ length: 200 }, (_, i) => ({
      type: i % 2 ? 'output' : 'input',
      content: line.repeat(1_000),
    }));
    for (const [budget, measure] of [
      [COMMENT_LIMIT, utf16],
      [SUMMARY_LIMIT_BYTES, utf8],
    ] as const) {
      redacted = 0;
      const rendered = renderConversation(logs, { budget, measure, redact: counting, fullLogsAt: 'Coder' });
      expect(rendered.truncated).toBe(true);
      expect(redacted).toBeLessThanOrEqual(budget + 2 * REDACTION_MARGIN);
      expect(rendered.omittedCharacters).toBeGreaterThan(10_000_000 - budget);
    }
  });

  it('leaves no piece of a secret that straddles where the kept part of a long message starts', () => {
    const filler = 'a line of the agent output\n'.repeat(80_000);
    const options = { budget: COMMENT_LIMIT, measure: utf16, redact, fullLogsAt: 'the job summary' };
    const plain = renderConversation([{ type: 'output', content: filler }], options).markdown;
    // The first kept line of the code block, and how much of the message follows from there.
    const kept = plain.slice(plain.indexOf('```text\n') + 8, plain.lastIndexOf('\n```'));
    for (let inside = 1; inside < CODER_TOKEN.length; inside += 3) {
      // The token starts `inside` characters before the first character that would be kept.
      const content = `${filler}${CODER_TOKEN}${'b'.repeat(kept.length - (CODER_TOKEN.length - inside))}`;
      const { markdown } = renderConversation([{ type: 'output', content }], options);
      for (let at = 0; at + 6 <= CODER_TOKEN.length; at++) {
        expect(markdown).not.toContain(CODER_TOKEN.slice(at, at + 6));
      }
      expect(markdown).toContain('b'.repeat(1_000));
    }
  });

  it('redacts a private key whose block begins far before the kept part and runs into it', () => {
    const key = `-----BEGIN PRIVATE KEY-----\n${'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n'.repeat(150)}-----END PRIVATE KEY-----`;
    const content = `${'x'.repeat(2_000_000)}\n${key.slice(0, 3_000)}`;
    const { markdown } = renderConversation([{ type: 'output', content }], {
      budget: COMMENT_LIMIT,
      measure: utf16,
      redact,
      fullLogsAt: 'the job summary',
    });
    expect(markdown).not.toContain('MIIEvQIBADANBgkq');
    expect(markdown).toContain(REDACTED);
  });
});
