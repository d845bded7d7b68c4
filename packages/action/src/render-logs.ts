import { fitTail, longestBacktickRunFrom } from './fit-tail';
import { codeBlock, codeSpan, details, normalizeCodeText } from './markdown';
import { cleanTail, REDACTION_MARGIN } from './redact-window';

/** One message of the task's conversation (a `TaskLogEntry` reduced to what is rendered). */
export interface LogMessage {
  /** `input` (sent to the agent) or `output` (the agent's answer); anything else is shown as is. */
  type: string;
  content: string;
}

/**
 * Counts the size of text against a limit: UTF-16 units for comments, UTF-8 bytes for the job summary.
 * It must never count less than the UTF-16 length, and be additive (the measure of two texts joined at a
 * line break is the sum of theirs), as both are.
 */
export type Measure = (text: string) => number;

/** The rendered conversation and what had to be left out. */
export interface RenderedLogs {
  markdown: string;
  /** Messages left out entirely (the oldest ones). */
  omittedMessages: number;
  /**
   * Characters left out, counting the cut-off start of a message kept in part. Messages left out whole,
   * and the part of a long message before what was redacted, count as read (before redaction).
   */
  omittedCharacters: number;
  truncated: boolean;
}

/** Options of {@link renderConversation}. */
export interface ConversationOptions {
  /** The most the returned markdown may measure. */
  budget: number;
  measure: Measure;
  /** Applied to every message before anything else, so cutting can never leave half a secret. */
  redact: (text: string) => string;
  /** Where the rest can be read, for the truncation note (e.g. "the job summary of the run"). */
  fullLogsAt: string;
}

const LABELS: Record<string, string> = { input: '→ Sent to the agent', output: '← The agent' };
const NOTE_RESERVE = 240;

function heading(type: string, cutCharacters: number): string {
  // The type comes from the server, and a newer one may send anything there: a code span on one line.
  const label = LABELS[type] ?? `Message of type ${codeSpan(type, 40)}`;
  const cut = cutCharacters > 0 ? ` (its first ${cutCharacters} characters left out)` : '';
  return `**${label}**${cut}\n\n`;
}

function block(type: string, text: string, cutCharacters: number): string {
  return `${heading(type, cutCharacters)}${codeBlock(text)}`;
}

/**
 * Whether the tail of `text` from a start measures at most `room` as a block, as
 * `measure(block(type, tail, cut))` would say, without building the block: the measure is additive, and
 * the fence of each tail is known from one pass over the text.
 */
function tailFits(
  type: string,
  text: string,
  whole: number,
  measure: Measure,
  room: number,
): (start: number) => boolean {
  const longestRun = longestBacktickRunFrom(text);
  return (start) => {
    const tail = text.slice(start);
    const cut = whole - tail.length;
    if (tail === '') return measure(block(type, tail, cut)) <= room;
    const fence = '`'.repeat(Math.max(3, longestRun(start) + 1));
    return measure(`${heading(type, cut)}${fence}text\n`) + measure(tail) + measure(`\n${fence}`) <= room;
  };
}

/**
 * Renders the conversation as one collapsible section with every message in its own code block, keeping
 * the newest messages when it must trim to `budget`, and cutting the start of the newest one if even that
 * one alone is too big. Says how much it left out.
 *
 * Its cost is bounded by the budget, not by the logs: only what can be kept is redacted and rendered
 * (with {@link REDACTION_MARGIN} more before it, so a secret straddling the cut is still found), and
 * messages left out are counted by their length as read. For logs that fit, the result is what redacting
 * and rendering every message whole gives.
 */
export function renderConversation(
  messages: readonly LogMessage[],
  options: ConversationOptions,
): RenderedLogs {
  const { measure, budget } = options;
  const clean = (text: string) => normalizeCodeText(options.redact(text));
  const wrap = (inner: string): string => details(`Conversation (${messages.length} messages)`, inner);
  const overhead = measure(wrap('')) + NOTE_RESERVE;
  const rawLength = (upTo: number) => {
    let sum = 0;
    for (let i = 0; i <= upTo; i++) sum += messages[i]?.content.length ?? 0;
    return sum;
  };
  if (messages.length > 0 && overhead > budget) {
    const markdown = `_The conversation (${messages.length} messages) did not fit here; it is in ${options.fullLogsAt}._`;
    return {
      markdown,
      omittedMessages: messages.length,
      omittedCharacters: rawLength(messages.length - 1),
      truncated: true,
    };
  }
  const kept: string[] = [];
  let used = overhead;
  let omittedCharacters = 0;
  let index = messages.length - 1;
  for (; index >= 0; index--) {
    const type = messages[index]?.type ?? '';
    // The measure never counts less than the UTF-16 length, so no more characters than that can fit.
    const cleaned = cleanTail(messages[index]?.content ?? '', budget - used, clean);
    const { text } = cleaned;
    if (cleaned.skipped === 0) {
      const rendered = block(type, text, 0);
      const cost = measure(rendered) + 2;
      if (used + cost <= budget) {
        kept.unshift(rendered);
        used += cost;
        continue;
      }
    }
    // Too big: the whole text measured more, or a window was needed because even its kept part does.
    const whole = cleaned.skipped + text.length;
    if (kept.length === 0) {
      const start = fitTail(text, cleaned.from, tailFits(type, text, whole, measure, budget - used - 2));
      if (start !== undefined) {
        const tail = text.slice(start).replace(/^\n+/, '');
        kept.unshift(block(type, tail, whole - tail.length));
        omittedCharacters += whole - tail.length;
        index--;
      }
    }
    break;
  }
  const omittedMessages = index + 1;
  omittedCharacters += rawLength(index);
  const truncated = omittedMessages > 0 || omittedCharacters > 0;
  const note = truncated
    ? `_${omittedMessages} earlier message${omittedMessages === 1 ? '' : 's'} and ${omittedCharacters} characters in all were left out to fit; the full conversation is in ${options.fullLogsAt}._\n\n`
    : '';
  const markdown = messages.length === 0 ? '_The task has no messages yet._' : wrap(note + kept.join('\n\n'));
  return { markdown, omittedMessages, omittedCharacters, truncated };
}
