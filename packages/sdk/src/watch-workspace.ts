import { ResponseSchema, WireFormatError, type Workspace } from '@coder-tasks/types';
import {
  CoderAbortError,
  CoderConnectionError,
  CoderError,
  CoderResponseFormatError,
  CoderStreamError,
  CoderTimeoutError,
} from './errors';
import type { HttpTransport } from './http-transport';
import { apiErrorFromResponse, headerValue, mimeType, wireMismatch } from './response-body';
import { SseParser } from './sse-parser';
import { checkTimerMs } from './timer-limit';
import { decodeWorkspace } from './wire-decoders';

/** Options of `CoderClient.watchWorkspace`. */
export interface WatchWorkspaceOptions {
  /** Ends the watch; the generator then throws a {@link CoderAbortError}. */
  signal?: AbortSignal;
  /** Time allowed until the stream's headers arrive, in ms. Default 30_000. */
  timeout?: number;
  /**
   * Longest silence on an open stream before it counts as dead, in ms. Default 45_000: Coder sends a
   * heartbeat every 15 s, so this is three missed heartbeats.
   */
  idleTimeout?: number;
}

/**
 * Reads Coder's workspace watch stream (`GET /api/v2/workspaces/{id}/watch`, server-sent events): yields
 * the workspace the server sends right away and after every change, validated. Ends when the server ends
 * the stream; throws {@link CoderStreamError} for an `error` event, and the usual connection, timeout,
 * abort and API errors otherwise.
 */
export async function* watchWorkspace(
  transport: HttpTransport,
  path: string,
  options: WatchWorkspaceOptions = {},
): AsyncGenerator<Workspace, void, undefined> {
  const timeout = checkTimerMs('timeout', options.timeout ?? 30_000, 'watchWorkspace: ');
  const idleTimeout = checkTimerMs('idleTimeout', options.idleTimeout ?? 45_000, 'watchWorkspace: ');
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const ctx = transport.context({ method: 'GET', path });
  try {
    const opened = await transport.openStream(path, timeout, idleTimeout, controller.signal);
    const { status, headers, body } = opened;
    if (status < 200 || status >= 300) {
      const text = transport.redact(await body.text());
      throw apiErrorFromResponse({ status, headers, body: text }, ctx, Date.now());
    }
    const contentType = headerValue(headers, 'content-type');
    if (mimeType(contentType) !== 'text/event-stream') {
      body.destroy();
      throw new CoderResponseFormatError({ reason: 'not_event_stream', status, ...ctx, contentType });
    }
    const parser = new SseParser();
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        for (const event of parser.push(decoder.decode(chunk as Uint8Array, { stream: true }))) {
          // The token never reaches an error, whatever the server echoes (parse errors quote the data).
          const data = transport.redact(event.data);
          if (event.event === 'data') yield readWorkspace(data, status, ctx);
          else if (event.event === 'error') throw new CoderStreamError(ctx, readErrorEvent(data));
        }
      }
    } catch (error) {
      if (error instanceof CoderError) throw error;
      if (controller.signal.aborted) throw new CoderAbortError({ ...ctx, reason: options.signal?.reason });
      const code = (error as { code?: unknown }).code;
      if (code === 'UND_ERR_BODY_TIMEOUT') {
        throw new CoderTimeoutError({ ...ctx, timeoutMs: idleTimeout });
      }
      throw new CoderConnectionError({
        ...ctx,
        code: typeof code === 'string' ? code : undefined,
        cause: error,
      });
    } finally {
      body.destroy();
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function readWorkspace(data: string, status: number, ctx: { method: string; url: string; endpoint: string }) {
  try {
    return decodeWorkspace(JSON.parse(data));
  } catch (error) {
    const wire = error instanceof WireFormatError ? error : undefined;
    throw new CoderResponseFormatError({
      reason: wire ? 'schema' : 'invalid_json',
      status,
      ...ctx,
      contentType: 'text/event-stream',
      typeName: 'Workspace',
      ...(wire ? wireMismatch(wire) : {}),
      cause: error,
    });
  }
}

function readErrorEvent(data: string) {
  try {
    const parsed = ResponseSchema.safeParse(JSON.parse(data));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through: an unreadable error event is still an error event
  }
  return { message: 'the watch stream sent an error event', detail: data.slice(0, 1024) };
}
