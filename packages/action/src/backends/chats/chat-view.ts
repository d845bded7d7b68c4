import type { Chat } from '@coder-tasks/types';
import type { Phase } from '../../render-comment';
import type { WorkView } from '../backend';

/** What the status comment says while a running chat waits for one of coderd's agent slots. */
export const WAITING_FOR_CAPACITY = 'waiting for a free agent';

/**
 * The chat as the status comment shows it. The title is written by a model from the request and the
 * thread (which anyone may have written); the comment shows it as it shows every server string, on one
 * line in a code span.
 */
export function chatView(chat: Chat, url: string): WorkView {
  return {
    name: chat.title,
    url,
    status: chat.status,
    state: chat.queued_for_capacity ? WAITING_FOR_CAPACITY : undefined,
    message: undefined,
  };
}

/** The progress headline for a chat being waited on. */
export function chatPhase(chat: Chat): Phase {
  if (chat.status === 'pending' || (chat.status === 'running' && chat.queued_for_capacity)) return 'starting';
  return chat.status === 'waiting' ? 'idle' : 'working';
}
