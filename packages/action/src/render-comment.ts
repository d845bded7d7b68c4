import { codeBlock, codeSpan, cutAt, normalizeCodeText } from './markdown';
import { COMMENT_MARKER } from './marker';
import { cleanHead } from './redact-window';
import { type LogMessage, type Measure, renderConversation } from './render-logs';

/** GitHub rejects an issue comment body longer than this many characters. */
export const COMMENT_LIMIT = 65_536;
/** GitHub rejects a job summary over 1 MiB; this leaves room for the step's other output. */
export const SUMMARY_LIMIT_BYTES = 1_000_000;

/** Where the run is: the headline of the status comment. */
export type Phase =
  | 'acknowledged'
  | 'starting'
  | 'working'
  | 'idle'
  | 'submitted'
  | 'active'
  | 'complete'
  | 'failed'
  | 'timed-out'
  | 'paused'
  | 'cancelled';

/** Each phase's emoji and words; the headline names the work between them (`✅ Coder chat: complete`). */
const HEADLINES: Record<Phase, [string, string]> = {
  acknowledged: ['👀', 'on it'],
  starting: ['⏳', 'starting'],
  working: ['⚙️', 'working'],
  idle: ['💤', 'idle'],
  submitted: ['📨', 'request submitted'],
  active: ['✅', 'running'],
  complete: ['✅', 'complete'],
  failed: ['❌', 'failed'],
  'timed-out': ['⌛', 'timed out'],
  paused: ['⏸️', 'paused'],
  cancelled: ['🛑', 'run cancelled'],
};

/** What does the work: a task (Tasks API) or a chat (Chats API). */
export type WorkNoun = 'task' | 'chat';

/**
 * The status comment's headline, such as `✅ Coder task: complete` or `⚙️ Coder chat: working`; before
 * the run knows which API does the work, `👀 Coder: on it`.
 */
export function headline(phase: Phase, noun: WorkNoun | undefined): string {
  const [emoji, words] = HEADLINES[phase];
  return `${emoji} Coder${noun ? ` ${noun}` : ''}: ${words}`;
}

/** Everything the status comment shows; every string from outside is rendered inside a code block. */
export interface StatusView {
  phase: Phase;
  /** What the headline, the link and the facts call the work; unknown until the backend is chosen. */
  noun?: WorkNoun | undefined;
  runUrl: string;
  requester?: string | undefined;
  task?:
    | {
        name: string;
        url: string;
        status: string;
        state: string | undefined;
        /** The agent's last status message (untrusted). */
        message: string | undefined;
      }
    | undefined;
  /** The pull request the agent opened (Chats), with its size. */
  pullRequest?: { url: string; additions: number; deletions: number } | undefined;
  /** True when the request went to a task an earlier request created. */
  reused?: boolean | undefined;
  /** Why the run failed, already free of tokens (untrusted: may quote a server). */
  reason?: string | undefined;
  /** The conversation, when logs are posted. */
  logs?: readonly LogMessage[] | undefined;
  /** Set when the logs could not be read; said instead of the conversation. */
  logsError?: string | undefined;
}

/** Options of {@link renderStatus}. */
export interface RenderOptions {
  /** Default {@link COMMENT_LIMIT}. */
  limit?: number;
  /** Default: UTF-16 length, which is never less than the characters GitHub counts. */
  measure?: Measure;
  redact: (text: string) => string;
  /** Default "the job summary of the workflow run". */
  fullLogsAt?: string;
  /** Default true: the hidden marker that stops the action from answering its own comments. */
  marker?: boolean;
}

/** The rendered body and whether the logs in it were trimmed. */
export interface RenderedStatus {
  body: string;
  logsTruncated: boolean;
}

const MAX_UNTRUSTED_LINE = 2_000;

function untrusted(label: string, text: string, redact: (text: string) => string): string {
  // A server may send megabytes here: only the start that can be shown is redacted (one more character
  // than the cap, so the cut is still seen).
  let clean = cleanHead(text, MAX_UNTRUSTED_LINE + 1, (piece) => normalizeCodeText(redact(piece)));
  if (clean.length > MAX_UNTRUSTED_LINE) clean = `${cutAt(clean, MAX_UNTRUSTED_LINE)}\n[… cut]`;
  return `**${label}**\n\n${codeBlock(clean)}`;
}

const capitalized = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

function link(text: string, url: string): string {
  // Parentheses and spaces would end a Markdown link early; percent-encode them.
  const safe = encodeURI(decodeURIComponentSafe(url)).replace(
    /[()]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16)}`,
  );
  return `[${text}](${safe})`;
}

function decodeURIComponentSafe(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

/**
 * Renders the one status comment the action keeps up to date: headline, links to the task and the run,
 * the task's status, the agent's last message, the failure reason, and the conversation. It always fits
 * `limit`: the conversation gets what the rest leaves, newest messages first.
 */
export function renderStatus(view: StatusView, options: RenderOptions): RenderedStatus {
  const limit = options.limit ?? COMMENT_LIMIT;
  const measure = options.measure ?? ((text: string) => text.length);
  const parts: string[] = [];
  if (options.marker ?? true) parts.push(COMMENT_MARKER);
  const noun = view.noun ?? 'task';
  parts.push(`### ${headline(view.phase, view.noun)}`);
  const links = [
    // The name comes from the server: a code span on one line, so it cannot close the link text early.
    view.task ? link(`${capitalized(noun)} ${codeSpan(view.task.name, 100)}`, view.task.url) : undefined,
    link('Workflow run', view.runUrl),
  ];
  parts.push(links.filter((l) => l !== undefined).join(' · '));
  const facts: string[] = [];
  // Usernames are letters, digits and hyphens, and statuses are Coder's words, but a server (or a man in
  // the middle of an http: coder-url) may send anything: each goes in a code span on one line.
  if (view.requester) facts.push(`Requested by ${codeSpan(view.requester, 100)}`);
  if (view.reused) facts.push(`sent to the existing ${noun} for this thread`);
  if (view.task?.status) facts.push(`status ${codeSpan(view.task.status, 100)}`);
  if (view.task?.state) facts.push(`state ${codeSpan(view.task.state, 100)}`);
  if (facts.length > 0) parts.push(facts.join(' · '));
  if (view.pullRequest) {
    const { url, additions, deletions } = view.pullRequest;
    parts.push(`${link('Pull request', url)} \`+${Math.trunc(additions)} −${Math.trunc(deletions)}\``);
  }
  if (view.reason) parts.push(untrusted('Reason', view.reason, options.redact));
  if (view.task?.message)
    parts.push(untrusted("The agent's last status message", view.task.message, options.redact));
  if (view.logsError) parts.push(untrusted('The logs could not be read', view.logsError, options.redact));
  const footer = '<sub>Posted by the Coder Tasks action; this comment is updated in place.</sub>';
  // Each untrusted part is capped, so the head stays far below any limit and the logs get the rest.
  const head = parts.join('\n\n');
  let logsTruncated = false;
  let conversation = '';
  if (view.logs) {
    const budget = limit - measure(head) - measure(footer) - 4;
    const rendered = renderConversation(view.logs, {
      budget,
      measure,
      redact: options.redact,
      fullLogsAt: options.fullLogsAt ?? 'the job summary of the workflow run',
    });
    logsTruncated = rendered.truncated;
    conversation = `\n\n${rendered.markdown}`;
  }
  return { body: `${head}${conversation}\n\n${footer}`, logsTruncated };
}
