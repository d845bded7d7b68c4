import { Agent, type Dispatcher, request } from 'undici';
import { DeadlineExceeded, dispatchOnce } from './dispatch-once';
import { CoderAbortError, CoderConnectionError, type CoderError, CoderTimeoutError } from './errors';
import { parseBaseUrl } from './parse-base-url';
import type { RawResponse, RequestContext } from './response-body';
import { SDK_VERSION } from './version';

/** Options of {@link HttpTransport}. */
export interface HttpTransportOptions {
  url: string | URL;
  token: string;
  dispatcher?: Dispatcher | undefined;
  userAgent?: string | undefined;
}

/** One HTTP exchange to make. */
export interface HttpExchange {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** Query parameters; an array value is sent as the parameter repeated (`label=a:1&label=b:2`). */
  query?: Record<string, string | readonly string[]> | undefined;
  body?: unknown;
}

/** A {@link RequestContext} with what the wire needs: the URL's origin and its path with the query. */
export interface ExchangeContext extends RequestContext {
  origin: string;
  target: string;
}

/** The connect timeout of the client's own Agent, in ms (undici's default is 10 s too, but say it). */
export const CONNECT_TIMEOUT_MS = 10_000;

// Codes of failures that happen before a single byte of the request left this machine, so even a
// request that is not safe to repeat can be sent again.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** True when `error` is a connection failure that happened before the request was sent. */
export function failedBeforeSending(error: CoderConnectionError): boolean {
  return error.code !== undefined && NOT_SENT_CODES.has(error.code);
}

/**
 * The wire under a {@link CoderClient}: one keep-alive undici dispatcher, the session token header, the
 * User-Agent, per-attempt timeouts and abort. It maps every failure to a `CoderError` and scrubs the
 * token out of anything the server echoes back.
 */
export class HttpTransport {
  readonly baseUrl: URL;
  readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  /** Bodies of event streams still open, so that close() can end them. */
  private readonly openStreams = new Set<Dispatcher.ResponseData['body']>();
  private closing: Promise<void> | undefined;
  // A private field, so that logging the client (util.inspect, JSON.stringify) cannot show the token.
  readonly #token: string;
  private readonly userAgent: string;

  constructor(options: HttpTransportOptions) {
    // The token goes in so that a URL mix-up (say, the two options swapped) never prints it.
    this.baseUrl = parseBaseUrl(options.url, typeof options.token === 'string' ? options.token.trim() : '');
    if (typeof options.token !== 'string' || options.token.trim() === '') {
      throw new TypeError(
        'CoderClient: `token` is required: a Coder session token (create one with `coder tokens create`).',
      );
    }
    this.#token = options.token.trim();
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Agent({
        connect: { timeout: CONNECT_TIMEOUT_MS },
        // undici waits 300 s for headers and between body chunks by default; every request sets its own.
        headersTimeout: 60_000,
        bodyTimeout: 60_000,
        keepAliveTimeout: 10_000,
        keepAliveMaxTimeout: 60_000,
      });
    const ours = `coder-tasks-sdk/${SDK_VERSION}`;
    this.userAgent = options.userAgent ? `${options.userAgent} ${ours}` : ours;
    this.#jsonHeaders = this.headers(undefined, 'application/json');
    this.#jsonBodyHeaders = this.headers('application/json', 'application/json');
  }

  /** The full URL of an API path (keeps a path prefix of the base URL, such as `https://host/coder`). */
  urlFor(path: string, query?: HttpExchange['query']): URL {
    const url = new URL(path.replace(/^\//, ''), this.baseUrl);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (typeof value === 'string') url.searchParams.set(key, value);
      else for (const each of value) url.searchParams.append(key, each);
    }
    return url;
  }

  /** The context of an exchange, for errors. */
  context(exchange: HttpExchange): ExchangeContext {
    const url = this.urlFor(exchange.path, exchange.query);
    return {
      method: exchange.method,
      url: url.href,
      endpoint: `${exchange.method} ${url.pathname}`,
      origin: url.origin,
      target: url.pathname + url.search,
    };
  }

  /** Replaces the token wherever a server echoed it. */
  redact(text: string): string {
    return text.includes(this.#token) ? text.split(this.#token).join('[REDACTED]') : text;
  }

  /**
   * Sends one attempt and reads the whole body, within `timeoutMs`. Throws CoderTimeoutError,
   * CoderAbortError (the caller's signal) or CoderConnectionError; never an undici error. `ctx` is the
   * exchange's {@link context}, when the caller has it already.
   */
  async send(
    exchange: HttpExchange,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    ctx: ExchangeContext = this.context(exchange),
  ): Promise<RawResponse> {
    if (signal?.aborted) throw new CoderAbortError({ ...ctx, reason: signal.reason });
    const hasBody = exchange.body !== undefined;
    try {
      const res = await dispatchOnce(
        this.dispatcher,
        {
          origin: ctx.origin,
          path: ctx.target,
          method: exchange.method,
          headers: hasBody ? this.#jsonBodyHeaders : this.#jsonHeaders,
          body: hasBody ? JSON.stringify(exchange.body) : null,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        },
        timeoutMs,
        signal,
      );
      return { status: res.status, headers: res.headers, body: this.redact(res.body) };
    } catch (error) {
      throw this.failure(ctx, timeoutMs, signal, error, error instanceof DeadlineExceeded);
    }
  }

  /**
   * Opens a long-lived GET (a server-sent event stream). Resolves once headers arrive, within `timeoutMs`;
   * the body then flows until the server ends it, `idleTimeoutMs` passes without a byte, or `signal` fires.
   */
  async openStream(
    path: string,
    timeoutMs: number,
    idleTimeoutMs: number,
    signal: AbortSignal,
  ): Promise<{
    status: number;
    headers: RawResponse['headers'];
    body: Dispatcher.ResponseData['body'];
    ctx: RequestContext;
  }> {
    const ctx = this.context({ method: 'GET', path });
    const res = await this.withDeadline(ctx, timeoutMs, signal, (attemptSignal) =>
      request(ctx.url, {
        method: 'GET',
        dispatcher: this.dispatcher,
        headers: this.headers(undefined, 'text/event-stream'),
        // The deadline covers only the wait for headers: the stream itself is meant to stay open.
        signal: attemptSignal,
        headersTimeout: timeoutMs,
        bodyTimeout: idleTimeoutMs,
      }),
    );
    // Whoever reads the body sees its errors; without this a destroy while nobody reads would be an
    // unhandled 'error' event and crash the process.
    res.body.on('error', () => {});
    // The deadline's link to `signal` ends with the headers; the body must still end when the caller aborts.
    const onAbort = () => res.body.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    this.openStreams.add(res.body);
    res.body.once('close', () => {
      signal.removeEventListener('abort', onAbort);
      this.openStreams.delete(res.body);
    });
    return { status: res.statusCode, headers: res.headers, body: res.body, ctx };
  }

  /**
   * Ends every open event stream, then closes the client's own dispatcher; an injected one is left to its
   * owner. Streams go first: undici's close waits for open requests, and a watch left paused by its reader
   * (a generator nobody calls `return()` on) would otherwise hold it forever.
   */
  close(): Promise<void> {
    // Idempotent: undici rejects a second close of the same dispatcher.
    this.closing ??= (async () => {
      for (const body of this.openStreams) body.destroy();
      if (this.ownsDispatcher) await this.dispatcher.close();
    })();
    return this.closing;
  }

  // Built once, as every JSON exchange sends the same headers; private fields, as they hold the token.
  readonly #jsonHeaders: Record<string, string>;
  readonly #jsonBodyHeaders: Record<string, string>;

  /**
   * The headers of a WebSocket handshake: the token (in its header, never in the URL) and the
   * User-Agent. No Origin: coderd refuses one that is not its own host.
   */
  webSocketHeaders(): Record<string, string> {
    return { 'coder-session-token': this.#token, 'user-agent': this.userAgent };
  }

  private headers(contentType: string | undefined, accept: string): Record<string, string> {
    const headers: Record<string, string> = {
      'coder-session-token': this.#token,
      'user-agent': this.userAgent,
      accept,
    };
    if (contentType) headers['content-type'] = contentType;
    return headers;
  }

  /** The CoderError for an attempt that failed with `error`. */
  private failure(
    ctx: RequestContext,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    error: unknown,
    timedOut: boolean,
  ): CoderError {
    if (signal?.aborted)
      return new CoderAbortError({ method: ctx.method, url: ctx.url, reason: signal.reason });
    const code = errorCode(error);
    if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return new CoderTimeoutError({ method: ctx.method, url: ctx.url, timeoutMs });
    }
    return new CoderConnectionError({ method: ctx.method, url: ctx.url, code, cause: error });
  }

  private async withDeadline<T>(
    ctx: RequestContext,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted)
      throw new CoderAbortError({ method: ctx.method, url: ctx.url, reason: signal.reason });
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await run(controller.signal);
    } catch (error) {
      throw this.failure(ctx, timeoutMs, signal, error, timedOut);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  // undici wraps socket errors; the system code (ECONNRESET, ECONNREFUSED) sits on a cause.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && !code.startsWith('UND_ERR_SOCKET')) return code;
    const next = (current as { cause?: unknown }).cause;
    if (!next) return typeof code === 'string' ? code : undefined;
    current = next;
  }
  return undefined;
}
