import type { ChatMessageRecord, ChatRecord, ChatStatusValue } from './chat-record';
import type { FakeChatDiffStatus } from './chat-script';
import { chatErrorJson, chatJson, messageJson, partJson, queuedJson, visibleMessages } from './chat-wire';
import type { ChatStreamEventJson, ChatsModel } from './chats-model';

// Every change of a chat goes through here, so the per-chat stream and the owner's watch stream hear
// about it in the order it happened, and status events go out only when the value changes (coderd
// coalesces running → running into nothing).

/** A `status` stream event. */
export function statusEvent(chat: ChatRecord): ChatStreamEventJson {
  return { type: 'status', chat_id: chat.id, status: { status: chat.status } };
}

/** A `message` stream event. */
export function messageEvent(chat: ChatRecord, m: ChatMessageRecord): ChatStreamEventJson {
  return { type: 'message', chat_id: chat.id, message: messageJson(m) };
}

/** A `queue_update` event: an empty queue leaves `queued_messages` out, as omitempty does. */
export function queueEvent(chat: ChatRecord): ChatStreamEventJson {
  return {
    type: 'queue_update',
    chat_id: chat.id,
    ...(chat.queue.length > 0 ? { queued_messages: chat.queue.map(queuedJson) } : {}),
  };
}

/** An `error` event; a chat in `error` without a stored error gets coderd's generic one. */
export function errorEvent(chat: ChatRecord): ChatStreamEventJson {
  const error = chat.lastError ?? { message: 'The chat request failed unexpectedly.', kind: 'generic' };
  return { type: 'error', chat_id: chat.id, error: chatErrorJson(error) };
}

function toolCallsJson(chat: ChatRecord): Record<string, unknown>[] {
  return chat.pendingToolCalls.map((c) => ({
    tool_call_id: c.toolCallId,
    tool_name: c.toolName,
    args: c.args,
  }));
}

/** An `action_required` event with the pending tool calls. */
export function actionRequiredEvent(chat: ChatRecord): ChatStreamEventJson {
  return { type: 'action_required', chat_id: chat.id, action_required: { tool_calls: toolCallsJson(chat) } };
}

/** The snapshot a new stream gets: messages after `afterId`, the queue, the status, then what the status implies. */
export function snapshotEvents(chat: ChatRecord, afterId: number | undefined): ChatStreamEventJson[] {
  const events = visibleMessages(chat)
    .filter((m) => afterId === undefined || m.id > afterId)
    .map((m) => messageEvent(chat, m));
  if (chat.queueEverUsed) events.push(queueEvent(chat));
  events.push(statusEvent(chat));
  if (chat.status === 'error') events.push(errorEvent(chat));
  if (chat.status === 'requires_action' && chat.pendingToolCalls.length > 0) {
    events.push(actionRequiredEvent(chat));
  }
  return events;
}

/** Sends a `ChatWatchEvent` to the owner's watch streams. */
export function watch(
  model: ChatsModel,
  chat: ChatRecord,
  kind: string,
  extra: Record<string, unknown> = {},
): void {
  model.publishWatch(chat.ownerId, { kind, chat: chatJson(model, chat), ...extra });
}

/** Moves the chat to `status`; only a real change emits a `status` event and a `status_change` watch event. */
export function setStatus(model: ChatsModel, chat: ChatRecord, status: ChatStatusValue): void {
  if (chat.status === status) return;
  chat.status = status;
  chat.updatedAt = model.world.stamp();
  model.publish(chat, [statusEvent(chat)]);
  watch(model, chat, 'status_change');
}

/** Saves a message and sends it to the chat's streams. */
export function saveMessage(
  model: ChatsModel,
  chat: ChatRecord,
  role: string,
  parts: Record<string, unknown>[],
  createdBy?: string,
): ChatMessageRecord {
  const m: ChatMessageRecord = {
    id: model.messageId(),
    chatId: chat.id,
    role,
    createdBy,
    modelConfigId: role === 'assistant' ? chat.modelConfigId : undefined,
    parts: parts.map((p) => ({ ...p })),
    createdAt: model.world.stamp(),
  };
  chat.messages.push(m);
  chat.updatedAt = m.createdAt;
  if (role !== 'user') chat.hasUnread = true;
  if (role !== 'system') model.publish(chat, [messageEvent(chat, m)]);
  return m;
}

/** Streams a part as a `message_part` delta before its message is saved, as the chat daemon does. */
export function streamPart(
  model: ChatsModel,
  chat: ChatRecord,
  part: Record<string, unknown>,
  seq: number,
): void {
  model.publish(chat, [
    {
      type: 'message_part',
      chat_id: chat.id,
      // `seq` is omitempty in codersdk, so the first delta of a generation carries none.
      message_part: { role: 'assistant', part: partJson(part), ...(seq > 0 ? { seq } : {}) },
    },
  ]);
}

/** Sends the queue as it is now. */
export function queueChanged(model: ChatsModel, chat: ChatRecord): void {
  chat.queueEverUsed = true;
  model.publish(chat, [queueEvent(chat)]);
}

/** Sets or clears the diff status and tells the owner's watchers. */
export function setDiff(model: ChatsModel, chat: ChatRecord, diff: FakeChatDiffStatus | undefined): void {
  chat.diffStatus = diff ? { ...diff } : undefined;
  chat.updatedAt = model.world.stamp();
  watch(model, chat, 'diff_status_change');
  model.world.notifyAny();
}

/** The `tool_calls` of an `action_required` watch event. */
export function watchToolCalls(chat: ChatRecord): Record<string, unknown> {
  return { tool_calls: toolCallsJson(chat) };
}
