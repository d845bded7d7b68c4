import type { ChatMessage } from '@coder-tasks/types';

/** One line of a chat transcript, in the order the messages and their parts came. */
export type ChatTranscriptEntry =
  | { kind: 'user'; messageId: number; text: string }
  | { kind: 'assistant'; messageId: number; text: string }
  | { kind: 'reasoning'; messageId: number; text: string }
  | { kind: 'tool-call'; messageId: number; toolCallId: string; toolName: string; args: string }
  | {
      kind: 'tool-result';
      messageId: number;
      toolCallId: string;
      toolName: string;
      isError: boolean;
      result: string;
    };

/** Options of {@link chatTranscript}. */
export interface ChatTranscriptOptions {
  /** The longest rendering of a tool call's arguments or a tool result, in characters. Default 200. */
  maxToolText?: number;
}

/**
 * The messages as plain transcript entries: user and assistant text, reasoning, each tool call (its
 * name and a short rendering of its arguments) and each tool result (with `is_error`). Messages are
 * taken in ascending id order, each id once (a revised message, re-sent with the same id, counts in its
 * last form); adjacent text parts of one message are joined; system messages, empty text and other
 * part types (files, sources, skills) are left out. The same messages always give the same entries:
 * object keys in rendered arguments are sorted.
 */
export function chatTranscript(
  messages: readonly ChatMessage[],
  options: ChatTranscriptOptions = {},
): ChatTranscriptEntry[] {
  const max = options.maxToolText ?? 200;
  const byId = new Map<number, ChatMessage>();
  for (const message of messages) byId.set(message.id, message);
  const entries: ChatTranscriptEntry[] = [];
  for (const message of [...byId.values()].sort((a, b) => a.id - b.id)) {
    const role = String(message.role);
    if (role !== 'user' && role !== 'assistant' && role !== 'tool') continue;
    let previous: ChatTranscriptEntry | undefined;
    for (const part of message.content ?? []) {
      const entry = partEntry(role, message.id, part, max);
      if (!entry) continue;
      // Streaming splits text into several parts of one message; a reader wants it whole.
      if (
        previous &&
        previous.kind === entry.kind &&
        'text' in previous &&
        'text' in entry &&
        previous.messageId === entry.messageId
      ) {
        previous.text += entry.text;
        continue;
      }
      entries.push(entry);
      previous = entry;
    }
  }
  return entries.filter((e) => !('text' in e) || e.text.trim() !== '');
}

type Part = NonNullable<ChatMessage['content']>[number];

function partEntry(
  role: string,
  messageId: number,
  part: Part,
  max: number,
): ChatTranscriptEntry | undefined {
  const p = part as Part & Record<string, unknown>;
  switch (String(p.type)) {
    case 'text':
      if (role === 'tool') return undefined;
      return { kind: role === 'user' ? 'user' : 'assistant', messageId, text: str(p.text) };
    case 'reasoning':
      return { kind: 'reasoning', messageId, text: str(p.text) };
    case 'tool-call':
      return {
        kind: 'tool-call',
        messageId,
        toolCallId: str(p.tool_call_id),
        toolName: str(p.tool_name),
        args: shorten(render(p.args), max),
      };
    case 'tool-result':
      return {
        kind: 'tool-result',
        messageId,
        toolCallId: str(p.tool_call_id),
        toolName: str(p.tool_name),
        isError: p.is_error === true,
        result: shorten(render(p.result), max),
      };
    default:
      return undefined;
  }
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Compact JSON with sorted keys; a string argument is shown as is. */
function render(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(sortKeys(value)) ?? '';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}
