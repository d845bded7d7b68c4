import type { Dispatcher } from 'undici';
import type { CoderApiError } from './errors';
import type { HttpExchange } from './http-transport';
import type { RetryPolicy } from './retry-policy';

/** Options of `CoderClient`. */
export interface CoderClientOptions {
  /** The Coder deployment URL, such as `https://coder.example.com` (a path prefix is kept). */
  url: string | URL;
  /** A Coder session token, sent in the `Coder-Session-Token` header and nowhere else. */
  token: string;
  /**
   * The undici dispatcher for every request. Default: one keep-alive `Agent` per client (connect timeout
   * 10 s, keep-alive 10 s), closed by `CoderClient.close()`. An injected one is never closed by the client.
   */
  dispatcher?: Dispatcher;
  /** Time allowed for each attempt (connect, headers and whole body), in ms. Default 30_000. */
  timeout?: number;
  /** The retry policy (see {@link RetryPolicy} for defaults), or `false` for no retries. */
  retry?: RetryPolicy | false;
  /** Put in front of `coder-tasks-sdk/<version>` in the User-Agent, such as `my-bot/1.2`. Default none. */
  userAgent?: string;
  /**
   * The prefix of the Chats routes. Default: chosen once per client from the server's version
   * (`/api/experimental` on v2.32–v2.36, `/api/v2` from v2.37).
   */
  chatsPrefix?: '/api/v2' | '/api/experimental';
  /** Not supported: the client speaks undici directly. Pass `dispatcher` to change the transport. */
  fetchImpl?: never;
}

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call (and its retries) with a `CoderAbortError`. */
  signal?: AbortSignal;
  /** Time allowed for each attempt, in ms. Default: the client's `timeout`. */
  timeout?: number;
  /** How many times to repeat a failed attempt. Default: the client's `retry.maxRetries`. */
  retries?: number;
}

/** One API call, as the resource methods describe it to `CoderClient.request`. */
export interface RequestSpec<T> extends HttpExchange {
  /** Reads the JSON body; absent for routes that answer without a body (202/204). */
  decode?: (data: unknown) => T;
  /**
   * The one success status of the route, as Go's codersdk checks it (201 create, 202 delete/pause/resume,
   * 204 send/input). Default 200. Any other status, even another 2xx, is an error.
   */
  expect?: number;
  /** Safe to send again after an attempt that may have reached the server. */
  repeatable: boolean;
  /**
   * Once an attempt may have done its work unseen (reset after sending, timeout, any 5xx), turns the API
   * error of a later attempt back into a result: that earlier attempt succeeded.
   */
  recover?: (error: CoderApiError, attempts: AttemptHistory) => Promise<{ value: T } | undefined>;
}

/** What `recover` may need to know about the attempts made so far. */
export interface AttemptHistory {
  /**
   * When the first attempt was sent, in ms since the epoch on the server's clock: estimated from the
   * `Date` header of the answer being recovered minus the time elapsed here, so client clock skew does
   * not matter; the local clock when the server sent no `Date`.
   */
  firstSentServerTime: number;
}
