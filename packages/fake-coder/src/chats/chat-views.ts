import type { ChatRecord } from './chat-record';
import { chatJson, messageJson, textOf, visibleMessages } from './chat-wire';
import type { ChatsModel } from './chats-model';
import type { FakeChatView } from './fake-chats-control';

/** A chat as tests inspect it. */
export function chatView(model: ChatsModel, chat: ChatRecord): FakeChatView {
  return {
    id: chat.id,
    organizationId: chat.organizationId,
    ownerId: chat.ownerId,
    ownerUsername: model.ownerOf(chat)?.username ?? '',
    title: chat.title,
    status: chat.status,
    archived: chat.archived,
    labels: { ...chat.labels },
    messages: visibleMessages(chat).map((m) => ({
      id: m.id,
      role: m.role,
      text: textOf(m.parts),
      parts: (messageJson(m).content as Record<string, unknown>[] | undefined) ?? [],
    })),
    queue: chat.queue.map((q) => ({ id: q.id, text: textOf(q.parts) })),
    lastError: chat.lastError ? { ...chat.lastError } : undefined,
    diffStatus: chat.diffStatus ? { ...chat.diffStatus } : undefined,
    turnRunning: chat.turn.running || chat.turn.pickupPending,
    json: chatJson(model, chat),
  };
}
