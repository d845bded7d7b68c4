import { errorReply, ok } from '../http/reply';
import type { Handler } from '../http/request-context';
import { daemonUnavailable, hookRefusal, isBusy, lookupChat } from './chat-access';
import { storeFailure } from './chat-create-checks';
import { queueChanged, saveMessage } from './chat-events';
import { hasInterrupting } from './chat-generation';
import { CHAT_BODY_LIMIT, contentParts, field, readObject } from './chat-input';
import { positiveInt, type QueryValidation } from './chat-query-params';
import type { QueuedMessageRecord } from './chat-record';
import { answerUserMessage, cancelTurn, interruptChat, promoteAndAnswer } from './chat-runner';
import { chatJson, messageJson, queuedJson, textOf, visibleMessages } from './chat-wire';
import type { ChatsModel } from './chats-model';

const STRUCT = 'CreateChatMessageRequest';

/**
 * `GET /chats/{chat}/messages`: newest first, except with only `after_id` (oldest first, for polling);
 * `has_more` from fetching one more row; the queue only on a request without a cursor.
 */
export function listMessagesHandler(model: ChatsModel): Handler {
  return (ctx) => {
    const found = lookupChat(model, ctx, 'read');
    if ('reply' in found) return found.reply;
    const chat = found.chat;
    // A negative limit gets the range message (as coderd's API documentation words it), not the parser's.
    const rawLimit = ctx.query.get('limit') ?? '';
    if (/^-\d+$/.test(rawLimit)) return errorReply(400, 'Invalid limit parameter (1-200).');
    const invalid: QueryValidation[] = [];
    const beforeId = positiveInt(ctx.query, 'before_id', 0, 64, invalid);
    const afterId = positiveInt(ctx.query, 'after_id', 0, 64, invalid);
    const limit = positiveInt(ctx.query, 'limit', 50, 32, invalid);
    if (invalid.length > 0)
      return errorReply(400, 'Query parameters have invalid values.', undefined, invalid);
    if (limit < 1 || limit > 200) return errorReply(400, 'Invalid limit parameter (1-200).');
    if (beforeId > 0 && afterId > 0 && afterId >= beforeId) {
      return errorReply(400, 'after_id must be less than before_id.');
    }
    const ascending = afterId > 0 && beforeId <= 0;
    const rows = visibleMessages(chat)
      .filter((m) => (beforeId <= 0 || m.id < beforeId) && (afterId <= 0 || m.id > afterId))
      .sort((a, b) => (ascending ? a.id - b.id : b.id - a.id));
    const page = rows.slice(0, limit);
    const noCursor = beforeId <= 0 && afterId <= 0;
    return ok({
      messages: page.map(messageJson),
      queued_messages: noCursor ? chat.queue.map(queuedJson) : [],
      has_more: rows.length > limit,
    });
  };
}

/**
 * `POST /chats/{chat}/messages`: an idle chat takes the message directly and starts a turn; a busy one
 * queues it (up to the queue limit, then 429), and `busy_behavior: "interrupt"` also interrupts the run.
 */
export function sendMessageHandler(model: ChatsModel): Handler {
  return (ctx) => {
    const found = lookupChat(model, ctx, 'write');
    if ('reply' in found) return found.reply;
    const chat = found.chat;
    const unavailable = daemonUnavailable(model);
    if (unavailable) return unavailable;
    // Sending runs the agent with the owner's credentials, so coderd lets only the owner send, even one
    // who may update the chat (an organization admin, or a user it is shared with for update).
    if (chat.ownerId !== ctx.user.id) return errorReply(403, 'Only the chat owner may send messages.');
    if (chat.archived) return errorReply(400, 'Cannot send messages to an archived chat.');
    const read = readObject(ctx, STRUCT, CHAT_BODY_LIMIT);
    if ('reply' in read) return read.reply;
    const content = field<unknown[]>(read.value, STRUCT, 'content', 'array', '[]codersdk.ChatInputPart');
    if ('reply' in content) return content.reply;
    const parts = contentParts(content.value);
    if ('reply' in parts) return parts.reply;
    const behaviour = field<string>(
      read.value,
      STRUCT,
      'busy_behavior',
      'string',
      'codersdk.ChatBusyBehavior',
    );
    if ('reply' in behaviour) return behaviour.reply;
    const busyBehavior = behaviour.value ?? '';
    if (busyBehavior !== '' && busyBehavior !== 'queue' && busyBehavior !== 'interrupt') {
      return errorReply(400, 'Invalid busy_behavior value.', 'Must be "queue" or "interrupt".');
    }
    const refused = hookRefusal(model, 'send', 'Chat message denied by lifecycle hook.');
    if (refused) return refused;
    // postChatMessages maps chatd's state-machine errors to these 409s (coderd/exp_chats.go): an invalid
    // stored state has no detail, a transition the machine refuses carries chatd's error as the detail.
    if (chat.sendConflict === 'invalid-state') return errorReply(409, 'Chat is in an invalid state.');
    if (chat.sendConflict === 'transition') {
      return errorReply(
        409,
        'Chat is not in a state that accepts new messages.',
        `chat state transition not allowed from status "${chat.status}"`,
      );
    }
    const failed = storeFailure(model, 'create-message', 'Failed to create chat message.');
    if (failed) return failed;

    const erroredWithQueue = chat.status === 'error' && chat.queue.length > 0;
    if (!isBusy(chat) && !erroredWithQueue) {
      const message = saveMessage(model, chat, 'user', parts.parts, ctx.user.id);
      answerUserMessage(model, chat, textOf(message.parts));
      const json = messageJson(message);
      return ok({ message: json, messages: [json], queued: false });
    }
    const limit = model.settings.queueLimit;
    if (chat.queue.length >= limit) {
      return errorReply(429, 'Message queue is full.', `Maximum ${limit} messages can be queued.`);
    }
    const queued: QueuedMessageRecord = {
      id: model.queuedId(),
      chatId: chat.id,
      createdBy: ctx.user.id,
      parts: parts.parts,
      createdAt: ctx.world.stamp(),
    };
    chat.queue.push(queued);
    queueChanged(model, chat);
    const promoted: Record<string, unknown>[] = [];
    const before = chat.messages.length;
    if (erroredWithQueue) {
      // An errored chat with a queue promotes the earlier head and runs again.
      promoteAndAnswer(model, chat);
    } else if (busyBehavior === 'interrupt' && chat.status === 'requires_action') {
      cancelTurn(chat);
      chat.pendingToolCalls = [];
      promoteAndAnswer(model, chat);
    } else if (busyBehavior === 'interrupt' && chat.status === 'running') {
      interruptChat(model, chat);
    }
    for (const m of chat.messages.slice(before)) if (m.role === 'user') promoted.push(messageJson(m));
    return ok({
      ...(promoted.length > 0 ? { messages: promoted } : {}),
      queued_message: queuedJson(queued),
      queued: true,
    });
  };
}

/**
 * `POST /chats/{chat}/interrupt`: `running` → `interrupting` → `waiting`; 409 on a chat with nothing to
 * interrupt. Before the state machine (v2.35) it always answered 200 and went straight to `waiting`.
 */
export function interruptHandler(model: ChatsModel): Handler {
  return (ctx) => {
    const found = lookupChat(model, ctx, 'write');
    if ('reply' in found) return found.reply;
    const chat = found.chat;
    if (chat.archived) return errorReply(400, 'Cannot interrupt an archived chat.');
    const interruptible = chat.status === 'running' || chat.status === 'requires_action';
    if (hasInterrupting(ctx.world.version) && !interruptible) {
      return errorReply(409, 'Chat is not in an interruptible state.');
    }
    if (interruptible || chat.turn.pickupPending) interruptChat(model, chat);
    const { diff_status: _diff, ...json } = chatJson(model, chat);
    return ok(json);
  };
}
