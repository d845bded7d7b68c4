import type { WebSocket } from 'ws';
import type { UserRecord } from '../model';
import { errorReply, goJson, type Handler } from '../reply';
import { daemonUnavailable, lookupChat } from './chat-access';
import { snapshotEvents } from './chat-events';
import type { ChatRecord, ChatStreamEventJson, ChatsModel } from './chats-model';
import { acceptWebSocket } from './ws-upgrade';

/** How often a chat stream or watch sends a WebSocket ping (ms of the fake clock; coderd uses 15 s). */
export const CHAT_PING_MS = 15_000;
/** coderd writes at most this many events per stream frame. */
const MAX_EVENTS_PER_FRAME = 256;

function sendEvents(ws: WebSocket, events: ChatStreamEventJson[], done?: () => void): void {
  for (let i = 0; i < events.length; i += MAX_EVENTS_PER_FRAME) {
    const last = i + MAX_EVENTS_PER_FRAME >= events.length;
    // A frame is a bare JSON array written by a json.Encoder, so it ends with a newline.
    ws.send(goJson(events.slice(i, i + MAX_EVENTS_PER_FRAME)), last ? done : undefined);
  }
}

/** Pings on the fake clock and forgets the socket when it closes. */
function keepAlive(model: ChatsModel, ws: WebSocket, key: string, cleanup: () => void): void {
  const forget = model.trackSocket(key, ws);
  let timer = model.world.clock.schedule(CHAT_PING_MS, function beat() {
    if (ws.readyState !== ws.OPEN) return;
    ws.ping();
    timer = model.world.clock.schedule(CHAT_PING_MS, beat);
  });
  let closed = false;
  const stop = (): void => {
    if (closed) return;
    closed = true;
    forget();
    timer.cancel();
    cleanup();
  };
  ws.on('close', stop);
  ws.on('error', stop);
}

/**
 * `GET /chats/{chat}/stream[?after_id=]`: the snapshot (messages after `after_id`, the queue, the status
 * always, the error when in `error`), then live events, one bare JSON array per text frame.
 */
export function chatStreamHandler(model: ChatsModel): Handler {
  return (ctx) => {
    const found = lookupChat(model, ctx, 'read');
    if ('reply' in found) return found.reply;
    const chat = found.chat;
    const unavailable = daemonUnavailable(model);
    if (unavailable) return unavailable;
    const raw = ctx.query.get('after_id');
    let afterId: number | undefined;
    if (raw !== null && raw !== '') {
      if (!/^[+-]?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
        const reason = /^[+-]?\d+$/.test(raw) ? 'value out of range' : 'invalid syntax';
        return errorReply(
          400,
          'Invalid after_id parameter.',
          `strconv.ParseInt: parsing ${JSON.stringify(raw)}: ${reason}`,
        );
      }
      afterId = Number(raw);
    }
    if (model.takeStreamFault('refuse', chat.id)) return errorReply(500, 'Failed to open chat stream.');
    const user = ctx.user;
    return {
      status: 101,
      stream: (req, res, fault) => {
        acceptWebSocket(req, res, (ws) => {
          const drop = fault.resetAfterFirstData || model.takeStreamFault('drop-after-snapshot', chat.id);
          serveChatStream(model, chat, user, ws, afterId, drop);
        });
      },
    };
  };
}

function serveChatStream(
  model: ChatsModel,
  chat: ChatRecord,
  user: UserRecord,
  ws: WebSocket,
  afterId: number | undefined,
  dropAfterSnapshot: boolean,
): void {
  // Opening the stream as the owner marks the chat read, as coderd does on connect and disconnect.
  const markRead = (): void => {
    if (user.id === chat.ownerId) chat.hasUnread = false;
  };
  markRead();
  const unsubscribe = model.onStream(chat.id, (events) => {
    if (ws.readyState === ws.OPEN) sendEvents(ws, events);
  });
  keepAlive(model, ws, chat.id, () => {
    unsubscribe();
    markRead();
  });
  sendEvents(ws, snapshotEvents(chat, afterId), dropAfterSnapshot ? () => ws.terminate() : undefined);
}

/** `GET /chats/watch`: the caller's chat lifecycle events, one `ChatWatchEvent` object per text frame. */
export function watchChatsHandler(model: ChatsModel): Handler {
  return (ctx) => {
    if (model.takeStreamFault('refuse', undefined))
      return errorReply(500, 'Failed to open chat watch stream.');
    const user = ctx.user;
    return {
      status: 101,
      stream: (req, res, fault) => {
        acceptWebSocket(req, res, (ws) => {
          if (fault.resetAfterFirstData || model.takeStreamFault('drop-after-snapshot', undefined)) {
            // Watch has no snapshot: the connection dies right after it opened.
            ws.terminate();
            return;
          }
          const unsubscribe = model.onWatch(user.id, (event) => {
            if (ws.readyState === ws.OPEN) ws.send(goJson(event));
          });
          keepAlive(model, ws, `watch:${user.id}`, unsubscribe);
        });
      },
    };
  };
}

/** Terminates every open chat stream and watch (used by `close()`). */
export function closeChatSockets(model: ChatsModel): void {
  for (const set of [...model.sockets.values()]) for (const s of [...set]) s.terminate();
}
