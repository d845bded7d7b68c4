import { type ChatTranscriptEntry, type CoderClient, chatTranscript } from '@coder-tasks/sdk';
import type { Chat, ChatMessage } from '@coder-tasks/types';
import { describeError } from '../../describe-error';
import type { LogMessage } from '../../render-logs';
import type { WorkReport } from '../backend';
import { chatView } from './chat-view';
import type { StartedChat } from './start-chat';
import type { ChatOutcome } from './wait-chat';

/** What the chat's part of the final report is made from. */
export interface ChatReportInput {
  outcome: ChatOutcome;
  started: StartedChat;
  /** The request as sent, shown when the turn's messages cannot be read yet (a queued request). */
  request: string;
  chatUrl: string;
  postLogs: boolean;
  coderUrl: string;
  signal?: AbortSignal | undefined;
}

/**
 * Builds the chat's part of the final view: the outcome, the chat, the agent's last message, the pull
 * request it opened and (with `post-logs`) the transcript of this turn only: the request, the agent's
 * text and each tool call on one line. A failure to read the messages is shown, not thrown.
 */
export async function buildChatReport(
  coder: Pick<CoderClient, 'chatMessages'>,
  input: ChatReportInput,
): Promise<WorkReport> {
  const { outcome } = input;
  let entries: ChatTranscriptEntry[] | undefined;
  let logsError: string | undefined;
  try {
    entries = chatTranscript(outcome.messages ?? (await turnMessages(coder, input)));
  } catch (error) {
    logsError = describeError(error, input.coderUrl);
  }
  const lastAnswer = entries?.findLast((entry) => entry.kind === 'assistant');
  return {
    phase: outcome.kind,
    task: {
      ...chatView(outcome.chat, input.chatUrl),
      message: lastAnswer && 'text' in lastAnswer ? lastAnswer.text : undefined,
    },
    reason: outcome.reason,
    logs: input.postLogs && entries ? transcriptLogs(entries) : undefined,
    logsError: input.postLogs ? logsError : undefined,
    pullRequest: pullRequestOf(outcome.chat),
  };
}

/** This turn's messages when the wait did not read them: all of a new chat, or from our message on. */
async function turnMessages(
  coder: Pick<CoderClient, 'chatMessages'>,
  input: ChatReportInput,
): Promise<ChatMessage[]> {
  const { started } = input;
  const ours = started.sent?.message?.id ?? started.sent?.messages[0]?.id;
  if (started.sent !== undefined && ours === undefined) {
    // Still queued behind the agent's current turn: nothing of this turn exists yet but the request.
    return [queuedRequest(started.chat, input.request)];
  }
  const messages: ChatMessage[] = [];
  const from = { afterId: ours === undefined ? 0 : ours - 1 };
  for await (const message of coder.chatMessages(started.chat.id, from, { signal: input.signal })) {
    messages.push(message);
  }
  return messages;
}

function queuedRequest(chat: Chat, text: string): ChatMessage {
  return {
    id: 0,
    chat_id: chat.id,
    created_at: chat.updated_at,
    role: 'user',
    content: [{ type: 'text', text }],
  } as ChatMessage;
}

/**
 * The transcript as the conversation renderer takes it: each request as sent, and each stretch of the
 * agent's work as one answer, its text with one line per tool call (name and short arguments).
 */
export function transcriptLogs(entries: readonly ChatTranscriptEntry[]): LogMessage[] {
  const logs: LogMessage[] = [];
  for (const entry of entries) {
    if (entry.kind === 'user') {
      logs.push({ type: 'input', content: entry.text });
      continue;
    }
    const line =
      entry.kind === 'assistant'
        ? entry.text
        : entry.kind === 'tool-call'
          ? `▸ ${entry.toolName}${entry.args ? ` ${entry.args}` : ''}`
          : undefined;
    if (line === undefined) continue;
    const previous = logs.at(-1);
    if (previous?.type === 'output') previous.content += `\n${line}`;
    else logs.push({ type: 'output', content: line });
  }
  return logs;
}

/** The pull request the agent opened, from the chat's diff status: only an http(s) link to one. */
export function pullRequestOf(chat: Chat): WorkReport['pullRequest'] {
  const diff = chat.diff_status;
  if (!diff?.url || (diff.pr_number === undefined && !diff.pull_request_state)) return undefined;
  let url: URL;
  try {
    url = new URL(diff.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return { url: url.toString(), additions: diff.additions, deletions: diff.deletions };
}
