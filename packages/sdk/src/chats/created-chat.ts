import { type Chat, type ChatInputPart, type ChatMessage, timestampToDate } from '@coder-tasks/types';
import { CREATE_CLOCK_TOLERANCE_MS } from '../created-task';

/** A label key and value that only this create carries, so that a lost answer can be found again. */
export interface IdempotencyLabel {
  key: string;
  value: string;
}

/**
 * Whether `chat`, found by the idempotency label after a create whose answer was lost, is the chat that
 * create made: it carries the label, its first user message is the create's content, and it was created
 * no earlier than the first attempt was sent (on the server's clock), so an older chat that happens to
 * match is never passed off as new.
 */
export function isChatFromThisCreate(
  chat: Chat,
  firstMessage: ChatMessage | undefined,
  create: { content: readonly ChatInputPart[]; label: IdempotencyLabel },
  firstSentServerTime: number,
): boolean {
  if (chat.labels[create.label.key] !== create.label.value) return false;
  if (timestampToDate(chat.created_at).getTime() < firstSentServerTime - CREATE_CLOCK_TOLERANCE_MS)
    return false;
  if (!firstMessage || String(firstMessage.role) !== 'user') return false;
  return sameContent(firstMessage.content ?? [], create.content);
}

/** The fields of an input part that the stored message keeps, compared part by part. */
function sameContent(stored: readonly unknown[], sent: readonly ChatInputPart[]): boolean {
  if (stored.length !== sent.length) return false;
  return sent.every((part, i) => {
    const have = stored[i] as Record<string, unknown>;
    const want = part as Record<string, unknown>;
    if (have.type !== want.type) return false;
    for (const key of ['text', 'file_id', 'file_name', 'start_line', 'end_line', 'content'] as const) {
      // coderd serializes some of these on every part ("" and 0 when unset): compare only what was sent.
      if (want[key] !== undefined && want[key] !== have[key]) return false;
    }
    return true;
  });
}
