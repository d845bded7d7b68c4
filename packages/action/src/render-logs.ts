import { codeBlock, codeSpan, details, normalizeCodeText } from './markdown';

/** One message of the task's conversation (a `TaskLogEntry` reduced to what is rendered). */
export interface LogMessage {
  /** `input` (sent to the agent) or `output` (the agent's answer); anything else is shown as is. */
  type: string;
  content: string;
}

/** Counts the size of text against a limit: UTF-16 units for comments, UTF-8 bytes for the job summary. */
export type Measure = (text: string) => number;

/** The rendered conversation and what had to be left out. */
export interface RenderedLogs {
  markdown: string;
  /** Messages left out entirely (the oldest ones). */
  omittedMessages: number;
  /** Characters left out, counting the cut-off start of a message kept in part. */
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

function block(type: string, text: string, cutCharacters: number): string {
  // The type comes from the server, and a newer one may send anything there: a code span on one line.
  const label = LABELS[type] ?? `Message of type ${codeSpan(type, 40)}`;
  const cut = cutCharacters > 0 ? ` (its first ${cutCharacters} characters left out)` : '';
  return `**${label}**${cut}\n\n${codeBlock(text)}`;
}

/**
 * Renders the conversation as one collapsible section with every message in its own code block, keeping
 * the newest messages when it must trim to `budget`, and cutting the start of the newest one if even that
 * one alone is too big. Says how much it left out.
 */
export function renderConversation(
  messages: readonly LogMessage[],
  options: ConversationOptions,
): RenderedLogs {
  const { measure, budget } = options;
  const texts = messages.map((message) => normalizeCodeText(options.redact(message.content)));
  const wrap = (inner: string): string => details(`Conversation (${messages.length} messages)`, inner);
  const overhead = measure(wrap('')) + NOTE_RESERVE;
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
    const rendered = block(type, text, 0);
    const cost = measure(rendered) + 2;
    if (used + cost <= budget) {
      kept.unshift(rendered);
      used += cost;
      continue;
    }
    if (kept.length === 0) {
      const tail = fitTail(
        text,
        (candidate, cut) => used + measure(block(type, candidate, cut)) + 2 <= budget,
      );
      if (tail !== undefined) {
        kept.unshift(block(type, tail, text.length - tail.length));
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

/**
 * The longest tail of `text` that `fits` accepts, by binary search (the check is monotonic: a shorter
 * tail never measures more, up to the few characters a longer cut note adds). Never starts inside a
 * surrogate pair. Undefined when not even an empty tail fits.
 */
function fitTail(text: string, fits: (tail: string, cut: number) => boolean): string | undefined {
  const at = (start: number): string => {
    const s = start > 0 && start < text.length && isLowSurrogate(text.charCodeAt(start)) ? start + 1 : start;
    return text.slice(s);
  };
  if (!fits('', text.length)) return undefined;
  let low = 0; // candidate start that might fit
  let high = text.length; // start known to fit
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const tail = at(mid);
    if (fits(tail, text.length - tail.length)) high = mid;
    else low = mid + 1;
  }
  return at(high).replace(/^\n+/, '');
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
