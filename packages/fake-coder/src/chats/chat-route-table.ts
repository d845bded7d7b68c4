import { errorReply, type Handler } from '../reply';
import type { Router } from '../router';
import { createChatHandler } from './chat-create';
import { chatsPrefixes } from './chat-generation';
import { interruptHandler, listMessagesHandler, sendMessageHandler } from './chat-message-routes';
import { getChatHandler, listChatsHandler, updateChatHandler } from './chat-routes';
import { chatStreamHandler, watchChatsHandler } from './chat-streams';
import type { ChatsModel } from './chats-model';

/** Every chats route, relative to its prefix; `/chats/watch` comes before `/chats/{chat}`, as in chi. */
export function chatRoutes(model: ChatsModel): [string, string, Handler][] {
  return [
    ['GET', '/chats', listChatsHandler(model)],
    ['POST', '/chats', createChatHandler(model)],
    ['GET', '/chats/watch', watchChatsHandler(model)],
    ['GET', '/chats/{chat}', getChatHandler(model)],
    ['PATCH', '/chats/{chat}', updateChatHandler(model)],
    ['GET', '/chats/{chat}/messages', listMessagesHandler(model)],
    ['POST', '/chats/{chat}/messages', sendMessageHandler(model)],
    ['POST', '/chats/{chat}/interrupt', interruptHandler(model)],
    ['GET', '/chats/{chat}/stream', chatStreamHandler(model)],
  ];
}

/**
 * Registers the chats routes under both prefixes; each answers only where the version's generation
 * serves it, and 404 `Route not found.` elsewhere, as a coderd without that mount does.
 */
export function addChatRoutes(router: Router, model: ChatsModel): void {
  for (const prefix of ['/api/v2', '/api/experimental']) {
    for (const [method, path, handler] of chatRoutes(model)) {
      const gated: Handler = (ctx) =>
        chatsPrefixes(ctx.world.version).includes(prefix)
          ? handler(ctx)
          : errorReply(404, 'Route not found.');
      router.add({ method, pattern: `${prefix}${path}`, handler: gated, auth: true, tasks: false });
    }
  }
}
