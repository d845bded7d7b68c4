import type { WebSocket } from 'ws';
import { coderHeaders, errorReply, goJson, type Reply } from '../http/reply';
import type { Handler, RequestContext } from '../http/request-context';
import type { UpgradeHandler } from '../http/router';
import type { UserRecord } from '../world/model';
import { daemonUnavailable, lookupChat } from './chat-access';
import { snapshotEvents } from './chat-events';
import type { ChatRecord } from './chat-record';
import type { ChatStreamEventJson, ChatsModel } from './chats-model';
import { acceptUpgrade, crossOriginRefusal, notAnUpgrade } from './ws-upgrade';

/** How often a chat stream or watch sends a WebSocket ping (ms of the fake clock; coderd uses 15 s). */
export const CHAT_PING_MS = 15_000;
/** coderd writes at most this many events per stream frame. */
const MAX_EVENTS_PER_FRAME = 256;

function sendEvents(
  model: ChatsModel,
  ws: WebSocket,
  events: ChatStreamEventJson[],
  done?: () => void,
): void {
  for (let i = 0; i < events.length; i += MAX_EVENTS_PER_FRAME) {
    const last = i + MAX_EVENTS_PER_FRAME >= events.length;
    const batch = events.slice(i, i + MAX_EVENTS_PER_FRAME);
    // A frame is a bare JSON array written by a json.Encoder, so it ends with a newline; servers before
    // coderd #24148 wrapped it in a {"type":"data"} envelope.
    const frame = model.settings.frameFormat === 'envelope' ? { type: 'data', data: batch } : batch;
    ws.send(goJson(frame), last ? done : undefined);
  }
}

/** Pings on the fake clock and forgets the socket when it closes. */
function keepAlive(model: ChatsModel, ws: WebSocket, key: string, cleanup: () => void): void {
  const forget = model.trackSocket(key, ws);
  let timer = model.world.clock.schedule(CHAT_PING_MS, function beat() {
    if (ws.readyState !== ws.OPEN) return;
    ws.ping();
    // The envelope format also had an application-level ping frame.
    if (model.settings.frameFormat === 'envelope') ws.send(goJson({ type: 'ping' }));
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

/** The checks coderd runs before it accepts a stream: the chat, the daemon, `after_id`, a refusal. */
function prepareStream(
  model: ChatsModel,
  ctx: RequestContext,
): { chat: ChatRecord; afterId: number | undefined } | { reply: Reply } {
  const found = lookupChat(model, ctx, 'read');
  if ('reply' in found) return found;
  const chat = found.chat;
  const unavailable = daemonUnavailable(model);
  if (unavailable) {
    // The exp-era stream handler words its missing-daemon 500 differently (coderd/exp_chats.go streamChat).
    return unavailable.status === 500
      ? { reply: errorReply(500, 'Chat streaming is not available.', 'Chat processor is not configured.') }
      : { reply: unavailable };
  }
  const raw = ctx.query.get('after_id');
  let afterId: number | undefined;
  if (raw !== null && raw !== '') {
    if (!/^[+-]?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) {
      const reason = /^[+-]?\d+$/.test(raw) ? 'value out of range' : 'invalid syntax';
      return {
        reply: errorReply(
          400,
          'Invalid after_id parameter.',
          `strconv.ParseInt: parsing ${JSON.stringify(raw)}: ${reason}`,
        ),
      };
    }
    afterId = Number(raw);
  }
  if (model.takeStreamFault('refuse', chat.id))
    return { reply: errorReply(500, 'Failed to open chat stream.') };
  return { chat, afterId };
}

/** A plain HTTP `GET /chats/{chat}/stream`: the same refusals, then 426 where the upgrade would be. */
export function chatStreamPlainHandler(model: ChatsModel): Handler {
  return (ctx) => {
    const prepared = prepareStream(model, ctx);
    return 'reply' in prepared ? prepared.reply : notAnUpgrade();
  };
}

/**
 * `GET /chats/{chat}/stream[?after_id=]` upgraded: the snapshot (messages after `after_id`, the queue, the
 * status always, the error when in `error`), then live events, one bare JSON array per text frame.
 */
export function chatStreamUpgrade(model: ChatsModel): UpgradeHandler {
  return (ctx, req, socket, head) => {
    const prepared = prepareStream(model, ctx);
    if ('reply' in prepared) return prepared.reply;
    const { chat, afterId } = prepared;
    const refused = crossOriginRefusal(req);
    if (refused) return refused;
    const drop = model.takeStreamFault('drop-after-snapshot', chat.id);
    acceptUpgrade(req, socket, head, coderHeaders(ctx.world.version), (ws) =>
      serveChatStream(model, chat, ctx.user, ws, afterId, drop),
    );
    return undefined;
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
    if (ws.readyState === ws.OPEN) sendEvents(model, ws, events);
  });
  keepAlive(model, ws, chat.id, () => {
    unsubscribe();
    markRead();
  });
  const drop = dropAfterSnapshot ? () => ws.terminate() : undefined;
  sendEvents(model, ws, snapshotEvents(chat, afterId), drop);
}

/** `GET /chats/watch` upgraded: the caller's chat lifecycle events, one `ChatWatchEvent` object per text frame. */
export function watchChatsUpgrade(model: ChatsModel): UpgradeHandler {
  return (ctx, req, socket, head) => {
    if (model.takeStreamFault('refuse', undefined))
      return errorReply(500, 'Failed to open chat watch stream.');
    const refused = crossOriginRefusal(req);
    if (refused) return refused;
    const user = ctx.user;
    const drop = model.takeStreamFault('drop-after-snapshot', undefined);
    acceptUpgrade(req, socket, head, coderHeaders(ctx.world.version), (ws) => {
      if (drop) {
        // Watch has no snapshot: the connection dies right after it opened.
        ws.terminate();
        return;
      }
      // Watches of the envelope era opened with a ping frame.
      if (model.settings.frameFormat === 'envelope') ws.send(goJson({ type: 'ping' }));
      const unsubscribe = model.onWatch(user.id, (event) => {
        if (ws.readyState !== ws.OPEN) return;
        const envelope = model.settings.frameFormat === 'envelope';
        ws.send(goJson(envelope ? { type: 'data', data: event } : event));
      });
      keepAlive(model, ws, `watch:${user.id}`, unsubscribe);
    });
    return undefined;
  };
}

/** Terminates every open chat stream and watch (used by `close()`). */
export function closeChatSockets(model: ChatsModel): void {
  for (const set of [...model.sockets.values()]) for (const s of [...set]) s.terminate();
}
