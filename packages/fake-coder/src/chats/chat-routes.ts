import { validateChatLabels } from '@coder-tasks/types';
import { errorReply, ok } from '../http/reply';
import type { Handler } from '../http/request-context';
import { isBusy, lookupChat } from './chat-access';
import { stringMap } from './chat-create';
import { storeFailure } from './chat-create-checks';
import { watch } from './chat-events';
import { field, readObject } from './chat-input';
import { compareChats, matchesChatQuery, parseChatListQuery } from './chat-list-query';
import { chatJson } from './chat-wire';
import type { ChatsModel } from './chats-model';

const STRUCT = 'UpdateChatRequest';

/** `GET /chats`: a bare array of the caller's own root chats (subagent chats only in `children`), archived ones only with `q=archived:true`. */
export function listChatsHandler(model: ChatsModel): Handler {
  return (ctx) => {
    const parsed = parseChatListQuery(ctx.query);
    if ('reply' in parsed) return parsed.reply;
    const q = parsed.query;
    let chats = [...model.chats.values()]
      .filter((c) => c.ownerId === ctx.user.id && c.parentId === undefined && matchesChatQuery(c, q))
      .sort(compareChats);
    if (q.afterId !== undefined) {
      const i = chats.findIndex((c) => c.id === q.afterId);
      chats = i < 0 ? [] : chats.slice(i + 1);
    }
    return ok(chats.slice(q.offset, q.offset + q.limit).map((c) => chatJson(model, c)));
  };
}

/** `GET /chats/{chat}`. */
export function getChatHandler(model: ChatsModel): Handler {
  return (ctx) => {
    const found = lookupChat(model, ctx, 'read');
    return 'reply' in found ? found.reply : ok(chatJson(model, found.chat));
  };
}

/**
 * `PATCH /chats/{chat}`: title, labels (full replacement), pin order, plan mode, archive. 204 without a
 * body. Archiving an active chat answers 409, as the newest coderd does.
 */
export function updateChatHandler(model: ChatsModel): Handler {
  return (ctx) => {
    const found = lookupChat(model, ctx, 'write');
    if ('reply' in found) return found.reply;
    const chat = found.chat;
    const read = readObject(ctx, STRUCT);
    if ('reply' in read) return read.reply;
    const body = read.value;
    const title = field<string>(body, STRUCT, 'title', 'string', 'string');
    if ('reply' in title) return title.reply;
    const archived = field<boolean>(body, STRUCT, 'archived', 'boolean', 'bool');
    if ('reply' in archived) return archived.reply;
    const labels = field<Record<string, unknown>>(body, STRUCT, 'labels', 'object', 'map[string]string');
    if ('reply' in labels) return labels.reply;
    const pin = field<number>(body, STRUCT, 'pin_order', 'number', 'int32');
    if ('reply' in pin) return pin.reply;
    const planMode = field<string>(body, STRUCT, 'plan_mode', 'string', 'codersdk.ChatPlanMode');
    if ('reply' in planMode) return planMode.reply;

    if (title.value !== undefined) {
      if (title.value.trim() === '') return errorReply(400, 'Title cannot be empty.');
      if ([...title.value].length > 200) return errorReply(400, 'Title must be at most 200 characters.');
    }
    let labelMap: Record<string, string> | undefined;
    if (labels.value !== undefined) {
      labelMap = stringMap(labels.value);
      if (!labelMap) {
        return errorReply(
          400,
          'Request body must be valid JSON.',
          `json: cannot unmarshal into Go struct field ${STRUCT}.labels of type string`,
        );
      }
      const errors = validateChatLabels(labelMap);
      if (errors.length > 0) return errorReply(400, 'Invalid labels.', undefined, errors);
    }
    if (pin.value !== undefined) {
      if (pin.value < 0) return errorReply(400, 'Pin order must be non-negative.');
      // coderd checks the chat as it was before this request, even when the same PATCH archives it.
      if (pin.value > 0 && chat.archived) return errorReply(400, 'Cannot pin an archived chat.');
    }
    if (planMode.value !== undefined && planMode.value !== '' && planMode.value !== 'plan') {
      return errorReply(400, 'Invalid plan_mode value.');
    }
    if (archived.value !== undefined) {
      if (chat.parentId !== undefined) {
        return errorReply(400, 'Chat archive state can only be changed on the root chat.');
      }
      if (archived.value === chat.archived) {
        return errorReply(400, chat.archived ? 'Chat is already archived.' : 'Chat is already not archived.');
      }
      if (archived.value && isBusy(chat)) {
        return errorReply(
          409,
          'Cannot archive an active chat. Interrupt or wait for the chat to finish first.',
        );
      }
      const failed = storeFailure(
        model,
        'archive',
        archived.value ? 'Failed to archive chat.' : 'Failed to unarchive chat.',
      );
      if (failed) return failed;
    }

    if (title.value !== undefined) {
      chat.title = title.value;
      watch(model, chat, 'title_change');
    }
    if (labelMap) chat.labels = labelMap;
    if (planMode.value !== undefined) chat.planMode = planMode.value;
    if (pin.value !== undefined) setPin(model, chat.ownerId, chat.id, Math.trunc(pin.value));
    if (archived.value !== undefined) {
      // Archiving a root chat archives its subagent chats with it, as coderd archives by root chat id.
      for (const c of [chat, ...[...model.chats.values()].filter((c) => c.parentId === chat.id)]) {
        c.archived = archived.value;
      }
    }
    chat.updatedAt = ctx.world.stamp();
    ctx.world.notifyAny();
    return { status: 204 };
  };
}

/**
 * Pins as coderd does: 0 unpins; a pinned chat moves to the clamped position; an unpinned one goes to the
 * end of the owner's pinned list. The other pinned chats keep a dense 1..n order.
 */
function setPin(model: ChatsModel, ownerId: string, chatId: string, order: number): void {
  const pinned = [...model.chats.values()]
    .filter((c) => c.ownerId === ownerId && c.pinOrder > 0 && c.id !== chatId)
    .sort((a, b) => a.pinOrder - b.pinOrder);
  const chat = model.chats.get(chatId);
  if (!chat) return;
  if (order > 0) {
    const at = chat.pinOrder > 0 ? Math.min(Math.max(order, 1), pinned.length + 1) : pinned.length + 1;
    pinned.splice(at - 1, 0, chat);
  } else {
    chat.pinOrder = 0;
  }
  for (const [i, c] of pinned.entries()) c.pinOrder = i + 1;
}
