import type { Dispatcher } from 'undici';

/** One whole HTTP answer, headers parsed (lower-case names; repeated ones as arrays), body as text. */
export interface DispatchedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The rejection of {@link dispatchOnce} when its own deadline ran out (not an undici error). */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
}

/**
 * One request through `dispatcher`, its body read whole, within `timeoutMs` in all (connect, headers and
 * body). It speaks undici's handler interface directly rather than `undici.request`: no body stream,
 * no per-request AbortController and no async resource, which is most of what a small JSON answer
 * costs on top of the network. Rejects with the caller's `signal.reason` on abort, with
 * {@link DeadlineExceeded} after `timeoutMs`, and with undici's error otherwise.
 */
export function dispatchOnce(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<DispatchedResponse> {
  return new Promise((resolve, reject) => {
    let abort: ((reason: Error) => void) | undefined;
    let stopped: Error | undefined;
    let status = 0;
    let headers: DispatchedResponse['headers'] = {};
    const chunks: Buffer[] = [];
    const stop = (reason: Error) => {
      stopped ??= reason;
      abort?.(reason);
    };
    const timer = setTimeout(() => stop(new DeadlineExceeded()), timeoutMs);
    const onAbort = () => stop(signal?.reason instanceof Error ? signal.reason : new DeadlineExceeded());
    signal?.addEventListener('abort', onAbort, { once: true });
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    dispatcher.dispatch(options, {
      onConnect(abortRequest: (reason: Error) => void) {
        if (stopped) abortRequest(stopped);
        else abort = abortRequest;
      },
      onHeaders(statusCode: number, rawHeaders: Buffer[]) {
        // 1xx answers (100 Continue, 103 Early Hints) come before the real one.
        if (statusCode >= 200) {
          status = statusCode;
          headers = parseRawHeaders(rawHeaders);
        }
        return true;
      },
      onData(chunk: Buffer) {
        chunks.push(chunk);
        return true;
      },
      onComplete() {
        settle();
        const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))?.toString('utf8') ?? '';
        // A UTF-8 byte order mark is not part of the JSON (undici's body.text() drops it too).
        resolve({ status, headers, body: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
      },
      onError(error: Error) {
        settle();
        reject(stopped ?? error);
      },
    } as Dispatcher.DispatchHandler);
  });
}

/** `[name, value, name, value, …]` as undici hands them over → `{ name: value | value[] }`. */
function parseRawHeaders(raw: Buffer[]): DispatchedResponse['headers'] {
  const headers: Record<string, string | string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = String(raw[i]).toLowerCase();
    const value = String(raw[i + 1]);
    const seen = headers[name];
    if (seen === undefined) headers[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else headers[name] = [seen, value];
  }
  return headers;
}
