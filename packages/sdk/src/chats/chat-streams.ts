import {
  type ChatFrame,
  type ChatStreamEvent,
  type ChatWatchEvent,
  parseChatStreamFrame,
  parseChatWatchFrame,
  WireFormatError,
} from '@coder-tasks/types';
import { checkSignal } from '../argument-checks';
import {
  CoderAbortError,
  CoderApiError,
  CoderConnectionError,
  CoderResponseFormatError,
  CoderStreamError,
} from '../errors';
import type { HttpTransport } from '../http-transport';
import type { RequestContext } from '../response-body';
import { wireMismatch } from '../response-body';
import { checkTimerMs } from '../timer-limit';
import { type ChatSocket, HandshakeRefused, openChatSocket } from './chat-socket';
import { type ChatsApi, chatPath } from './chats-api';

/** The `code` of the `CoderConnectionError` for an upgrade refused after coderd's checks passed. */
export const WS_UPGRADE_REFUSED = 'WS_UPGRADE_REFUSED';

/** Options of `CoderClient.streamChat` and `CoderClient.watchChats`. */
export interface ChatStreamOptions {
  /** Ends the stream; the iterator then throws a `CoderAbortError`. */
  signal?: AbortSignal;
  /** Time allowed for the WebSocket handshake, in ms. Default: the client's `timeout` (30_000). */
  timeout?: number;
  /**
   * Longest silence (no frame and no ping) before the connection counts as dead, in ms. Default 45_000:
   * coderd pings every 15 s, so this is three missed pings.
   */
  idleTimeout?: number;
}

/** Options of `CoderClient.streamChat`. */
export interface StreamChatOptions extends ChatStreamOptions {
  /** Only history after this message id is replayed in the opening snapshot. Default: all of it. */
  afterId?: number;
}

/**
 * The Chats WebSockets, over undici's own `WebSocket` client: the per-chat stream and the per-user
 * watch. Keeps the open sockets so that `close()` of the client ends them.
 */
export class ChatStreams {
  private readonly open = new Set<ChatSocket>();

  constructor(
    private readonly api: ChatsApi,
    private readonly transport: HttpTransport,
    private readonly timeout: number,
  ) {}

  /**
   * `GET /chats/{chat}/stream`: the snapshot (history after `afterId`, queue, status, error, ...) and
   * then live events, as validated `ChatStreamEvent`s. Ends when coderd closes with 1000 or 1001.
   */
  async *stream(
    id: string,
    options: StreamChatOptions = {},
  ): AsyncGenerator<ChatStreamEvent, void, undefined> {
    const query: Record<string, string> = {};
    if (options.afterId !== undefined) {
      if (!Number.isSafeInteger(options.afterId) || options.afterId < 0) {
        throw new RangeError(`streamChat: \`afterId\` must be a whole number >= 0, got ${options.afterId}`);
      }
      query.after_id = String(options.afterId);
    }
    yield* this.read(`${chatPath(id)}/stream`, query, options, parseChatStreamFrame);
  }

  /** `GET /chats/watch`: live lifecycle events of every chat the caller owns (no snapshot). */
  async *watch(options: ChatStreamOptions = {}): AsyncGenerator<ChatWatchEvent, void, undefined> {
    yield* this.read('/chats/watch', {}, options, parseChatWatchFrame);
  }

  /** Closes every open socket. */
  close(): void {
    for (const socket of this.open) socket.close();
  }

  private async *read<T>(
    path: string,
    query: Record<string, string>,
    options: ChatStreamOptions,
    parse: (text: string) => ChatFrame<T>,
  ): AsyncGenerator<T, void, undefined> {
    checkSignal('chat stream', options.signal);
    const timeoutMs = checkTimerMs('timeout', options.timeout ?? this.timeout, 'chat stream: ');
    const idleTimeoutMs = checkTimerMs('idleTimeout', options.idleTimeout ?? 45_000, 'chat stream: ');
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const signal = controller.signal;
      const prefix = await this.api.prefixes.prefix({ method: 'GET', path }, { signal });
      const exchange = { method: 'GET', path: `${prefix}${path}`, query } as const;
      const ctx = this.transport.context(exchange);
      let socket: ChatSocket;
      try {
        socket = await openChatSocket({
          url: ctx.url,
          headers: this.transport.webSocketHeaders(),
          dispatcher: this.transport.dispatcher,
          timeoutMs,
          idleTimeoutMs,
          signal,
          ctx,
        });
      } catch (error) {
        if (error instanceof HandshakeRefused) throw await this.whyRefused(path, query, ctx, signal);
        throw error;
      }
      this.open.add(socket);
      try {
        for await (const text of socket.frames()) {
          // Whatever the server echoes, the token never reaches an event or an error.
          const frame = readFrame(parse, this.transport.redact(text), ctx);
          if (frame.kind === 'ping') continue;
          if (frame.kind === 'error') throw new CoderStreamError(ctx, frame.error);
          yield* frame.events;
        }
      } finally {
        socket.close();
        this.open.delete(socket);
      }
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * undici's WebSocket does not expose the answer to a refused upgrade, so the same route is asked again
   * as a plain GET: coderd runs the same checks before it upgrades and answers with its JSON error (a bad
   * `after_id`, a missing chat, the AI gateway off). 426 means the checks passed and only the upgrade
   * failed (a proxy that does not pass WebSockets, say).
   */
  private async whyRefused(
    path: string,
    query: Record<string, string>,
    ctx: RequestContext,
    signal: AbortSignal,
  ): Promise<Error> {
    try {
      await this.api.call(
        { method: 'GET', path, query, decode: () => undefined, repeatable: true },
        { signal, retries: 0 },
      );
    } catch (error) {
      if (!(error instanceof CoderApiError) || error.status !== 426) return error as Error;
    }
    if (signal.aborted) return new CoderAbortError({ ...ctx, reason: signal.reason });
    return new CoderConnectionError({
      ...ctx,
      code: WS_UPGRADE_REFUSED,
      cause: new Error('the server (or a proxy in front of it) refused the WebSocket upgrade'),
    });
  }
}

/** One frame, read with the wire parser of `@coder-tasks/types` (bare arrays and the older envelope). */
function readFrame<T>(
  parse: (text: string) => ChatFrame<T>,
  text: string,
  ctx: RequestContext,
): ChatFrame<T> {
  try {
    return parse(text);
  } catch (error) {
    if (!(error instanceof WireFormatError)) throw error;
    // 101: the frame came over the upgraded connection.
    throw new CoderResponseFormatError({
      reason: 'schema',
      status: 101,
      ...ctx,
      ...wireMismatch(error),
      cause: error,
    });
  }
}
