import type { CoderClient } from '@coder-tasks/sdk';
import type { Chat, CreateChatMessageResponse } from '@coder-tasks/types';
import type { ChatRequest } from '../../task-request';

/** The calls {@link startChat} makes: all a test has to stand in for. */
export type StartChatClient = Pick<CoderClient, 'listChats' | 'createChat' | 'sendChatMessage'>;

/** Where a new chat goes and what runs it. */
export interface ChatTarget {
  organizationId: string;
  /** The model config id; undefined for the organization's default. */
  model: string | undefined;
}

/** The chat that has the request, and what the turn wait needs to know about it. */
export interface StartedChat {
  chat: Chat;
  /** True when this run created it; false when the request went to the thread's existing chat. */
  created: boolean;
  /** The answer of the send that started the turn (queued or not); undefined for a new chat. */
  sent: CreateChatMessageResponse | undefined;
}

/**
 * Sends the request to the thread's chat (found by its labels among the token user's unarchived chats),
 * queued by coderd when the agent is busy, or creates the chat with it. A create whose answer was lost is
 * found again by the run's own label (the SDK's recovery), so one run makes at most one chat.
 */
export async function startChat(
  coder: StartChatClient,
  request: ChatRequest,
  target: ChatTarget,
  signal?: AbortSignal,
): Promise<StartedChat> {
  const content = [{ type: 'text' as const, text: request.message }];
  const existing = await findChat(coder, request.labels, signal);
  if (existing !== undefined) {
    // Never repeated by the SDK once it may have landed: a second copy would be a second request.
    const sent = await coder.sendChatMessage(existing.id, { content }, { signal });
    return { chat: existing, created: false, sent };
  }
  const chat = await coder.createChat(
    {
      organization_id: target.organizationId,
      content,
      system_prompt: request.systemPrompt,
      model_config_id: target.model,
      labels: request.labels,
    },
    { signal, idempotencyLabel: request.runLabel },
  );
  return { chat, created: true, sent: undefined };
}

/** The thread's chat, newest first; none without a thread (each such run has its own chat). */
async function findChat(
  coder: StartChatClient,
  labels: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<Chat | undefined> {
  if (labels['gh-thread'] === undefined) return undefined;
  const chats = await coder.listChats({ labels, archived: false }, { signal });
  // Servers from before chat labels ignore the filter, so check each chat here too.
  return chats.find(
    (chat) => !chat.archived && Object.entries(labels).every(([key, value]) => chat.labels[key] === value),
  );
}
