import type { FakeApi } from '../http/register-api';
import { errorReply } from '../http/reply';
import { createChatHandler } from './chat-create';
import { interruptHandler, listMessagesHandler, sendMessageHandler } from './chat-message-routes';
import { getChatHandler, listChatsHandler, updateChatHandler } from './chat-routes';
import {
  chatStreamPlainHandler,
  chatStreamUpgrade,
  closeChatSockets,
  watchChatsUpgrade,
} from './chat-streams';
import type { ChatsModel } from './chats-model';
import { notAnUpgrade } from './ws-upgrade';

/**
 * The Chats API as coderd registers it (coderd/chat_routes.go): under `/api/experimental` on v2.32–v2.36,
 * under both prefixes on v2.37 (#28496), under `/api/v2` from v2.38 (#29548). `/chats/watch` comes before
 * `/chats/{chat}`, as chi matches static segments first.
 */
export function chatsApi(model: ChatsModel): FakeApi {
  return {
    prefixes: ['/api/v2', '/api/experimental'],
    servedPrefixes: (apis) => apis.chatsPrefixes,
    routes: [
      { method: 'GET', path: '/chats', handler: listChatsHandler(model) },
      { method: 'POST', path: '/chats', handler: createChatHandler(model) },
      {
        method: 'GET',
        path: '/chats/watch',
        handler: () =>
          model.takeStreamFault('refuse', undefined)
            ? errorReply(500, 'Failed to open chat watch stream.')
            : notAnUpgrade(),
        upgrade: watchChatsUpgrade(model),
      },
      { method: 'GET', path: '/chats/{chat}', handler: getChatHandler(model) },
      { method: 'PATCH', path: '/chats/{chat}', handler: updateChatHandler(model) },
      { method: 'GET', path: '/chats/{chat}/messages', handler: listMessagesHandler(model) },
      { method: 'POST', path: '/chats/{chat}/messages', handler: sendMessageHandler(model) },
      { method: 'POST', path: '/chats/{chat}/interrupt', handler: interruptHandler(model) },
      {
        method: 'GET',
        path: '/chats/{chat}/stream',
        handler: chatStreamPlainHandler(model),
        upgrade: chatStreamUpgrade(model),
      },
    ],
    close: () => closeChatSockets(model),
  };
}
