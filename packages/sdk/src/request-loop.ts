import { setTimeout as sleep } from 'node:timers/promises';
import { isTasksApiMissing } from './api-paths';
import { checkObject, checkSignal } from './argument-checks';
import { type AttemptFailure, attemptVerdict } from './attempt-verdict';
import type { CallOptions, RequestSpec } from './client-options';
import { attemptHistory } from './created-task';
import {
  CoderAbortError,
  CoderApiError,
  CoderConnectionError,
  type CoderError,
  CoderResponseFormatError,
  CoderTimeoutError,
} from './errors';
import { type ExchangeContext, failedBeforeSending, type HttpTransport } from './http-transport';
import { apiErrorFromResponse, decodeBody, type RawResponse } from './response-body';
import type { ResolvedRetryPolicy } from './retry-policy';
import { TasksUnavailableError } from './tasks-unavailable-error';
import { checkTimerMs } from './timer-limit';
import { decodeBuildInfo } from './wire-decoders';

/** What the resource modules need of the client: its one request path. */
export interface RequestHost {
  request<T>(spec: RequestSpec<T>, options?: CallOptions): Promise<T>;
}

/** A GET that may be repeated, decoded with `decode`. */
export function getJson<T>(
  host: RequestHost,
  path: string,
  decode: (data: unknown) => T,
  options?: CallOptions,
): Promise<T> {
  return host.request({ method: 'GET', path, decode, repeatable: true }, options);
}

/**
 * The client's one request path: attempts, retries with backoff and `Retry-After`, recovery of an
 * attempt that landed unseen, error mapping and validation. The decision of what a failed attempt
 * means lives in the pure {@link attemptVerdict}; this loop only carries it out.
 */
export class RequestLoop implements RequestHost {
  constructor(
    readonly transport: HttpTransport,
    /** Default time allowed for each attempt, in ms. */
    readonly timeout: number,
    readonly retry: ResolvedRetryPolicy,
  ) {}

  async request<T>(spec: RequestSpec<T>, options: CallOptions = {}): Promise<T> {
    checkSignal('CoderClient', checkObject('CoderClient', 'options', options).signal);
    const retries = options.retries ?? this.retry.maxRetries;
    if (!Number.isInteger(retries) || retries < 0) {
      throw new RangeError(`\`retries\` must be a whole number >= 0, got ${retries}`);
    }
    const timeout = checkTimerMs('timeout', options.timeout ?? this.timeout);
    const ctx = this.transport.context(spec);
    // Set once an attempt may have done its work on the server without us hearing the answer.
    let mayHaveLanded = false;
    const firstSent = performance.now();
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(spec, ctx, timeout, options.signal);
      if ('value' in outcome) return outcome.value;
      const { error, failure, raw } = outcome;
      const state = {
        attempt,
        retries,
        repeatable: spec.repeatable,
        canRecover: spec.recover !== undefined,
        mayHaveLanded,
      };
      const verdict = attemptVerdict(failure, state, this.retry, Math.random());
      if (verdict.recoverFirst && raw && spec.recover && error instanceof CoderApiError) {
        const recovered = await spec.recover(error, attemptHistory(raw, firstSent));
        if (recovered) return recovered.value;
      }
      if (verdict.action === 'throw') throw error;
      mayHaveLanded = verdict.mayHaveLanded;
      await this.pause(verdict.delayMs, options.signal, ctx);
    }
  }

  /** One attempt: its result, or the error it ended with and what the retry decision needs to know. */
  private async attempt<T>(
    spec: RequestSpec<T>,
    ctx: ExchangeContext,
    timeout: number,
    signal: AbortSignal | undefined,
  ): Promise<{ value: T } | { error: CoderError; failure: AttemptFailure; raw?: RawResponse }> {
    let raw: RawResponse;
    try {
      raw = await this.transport.send(spec, timeout, signal, ctx);
    } catch (error) {
      if (!(error instanceof CoderConnectionError || error instanceof CoderTimeoutError)) throw error;
      const timedOut = error instanceof CoderTimeoutError;
      return {
        error,
        failure: { kind: 'no-answer', timedOut, sent: timedOut || !failedBeforeSending(error) },
      };
    }
    // Like Go's codersdk, only the route's own success status counts: a 200 where Coder answers 201
    // comes from something else (a proxy, a mock, a wrong URL) and its body is not what it seems.
    if (raw.status === (spec.expect ?? 200)) {
      try {
        return { value: decodeBody(spec.decode, raw, ctx) };
      } catch (error) {
        // A body cut short or replaced on the way is worth asking again for; one of the wrong shape is not.
        if (!(error instanceof CoderResponseFormatError) || error.reason === 'schema') throw error;
        return { error, failure: { kind: 'unreadable' } };
      }
    }
    const error = apiErrorFromResponse(raw, ctx, Date.now());
    if (isTasksApiMissing(error, spec.path)) {
      const serverVersion = await this.version(signal);
      throw new TasksUnavailableError({ ...ctx, response: error.response, serverVersion });
    }
    return {
      error,
      failure: { kind: 'status', status: error.status, retryAfterMs: error.retryAfterMs },
      raw,
    };
  }

  private async pause(ms: number, signal: AbortSignal | undefined, ctx: { method: string; url: string }) {
    try {
      await sleep(ms, undefined, { signal });
    } catch {
      throw new CoderAbortError({ method: ctx.method, url: ctx.url, reason: signal?.reason });
    }
  }

  /** The server's version for an error message; undefined when it cannot be had quickly. */
  private async version(signal: AbortSignal | undefined): Promise<string | undefined> {
    try {
      const options = { retries: 0, timeout: Math.min(this.timeout, 5_000), ...(signal ? { signal } : {}) };
      return (await getJson(this, '/api/v2/buildinfo', decodeBuildInfo, options)).version;
    } catch (error) {
      if (signal?.aborted) throw error;
      return undefined;
    }
  }
}
