import type { Response } from '@coder-tasks/types';

/**
 * The base of every error the SDK throws. Branch on the subclass (`instanceof`) or on the `status` /
 * `kind` fields of {@link CoderApiError}, never on message text. No error ever contains the session token.
 */
export class CoderError extends Error {
  override name = 'CoderError';
}

/**
 * The base of the errors about one request: each carries the request's method and URL (the URL never
 * holds the token: it travels in a header). Catch this to handle any failed call alike.
 */
export class CoderRequestError extends CoderError {
  override name = 'CoderRequestError';
  /** The request method. */
  readonly method: string;
  /** The request URL. */
  readonly url: string;

  constructor(message: string, at: { method: string; url: string }, options?: ErrorOptions) {
    super(message, options);
    this.method = at.method;
    this.url = at.url;
  }
}

/** What an API error means, from its status code, for callers that branch on it. */
export type ApiErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'bad_request'
  | 'server'
  | 'other';

/**
 * How the body of an error response was read, so the special cases of Go's `ReadBodyAsError` stay apart:
 * `json` (a Coder `Response`), `json_no_message` (JSON without a message), `invalid_json` (a JSON content
 * type that does not parse), `empty`, `html` (a proxy, an SSO page or a wrong URL answered), `non_json`
 * (some other content type), and `redirect` (a 3xx, usually a login redirect in front of Coder).
 */
export type ErrorBodyKind =
  | 'json'
  | 'json_no_message'
  | 'invalid_json'
  | 'empty'
  | 'html'
  | 'non_json'
  | 'redirect';

/** The status code as a kind: 400/413/422 bad_request, 401, 403, 404, 409, 429, 5xx server, else other. */
export function apiErrorKind(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 400 || status === 413 || status === 422) return 'bad_request';
  if (status >= 500 && status <= 599) return 'server';
  return 'other';
}

/** The hint Go's codersdk adds to a 401. */
export const UNAUTHORIZED_HELPER = "Try logging in using 'coder login'.";

/** Fields of a {@link CoderApiError}. */
export interface CoderApiErrorInit {
  status: number;
  method: string;
  url: string;
  response: Response;
  bodyKind: ErrorBodyKind;
  helper?: string | undefined;
  retryAfterMs?: number | undefined;
  responseKind?: string | undefined;
}

/**
 * Renders an API error exactly as Go's `codersdk.Error.Error()` does:
 * `<METHOD> <URL>: unexpected status code <N>: <message>[: <helper>]`, then `\n\tError: <detail>` and one
 * `\n\t<field>: <detail>` line per validation.
 */
export function formatApiError(init: Omit<CoderApiErrorInit, 'bodyKind'>): string {
  let out = init.method && init.url ? `${init.method} ${init.url}: ` : '';
  out += `unexpected status code ${init.status}: ${init.response.message}`;
  if (init.helper) out += `: ${init.helper}`;
  if (init.response.detail) out += `\n\tError: ${init.response.detail}`;
  for (const v of init.response.validations ?? []) out += `\n\t${v.field}: ${v.detail}`;
  return out;
}

/**
 * The server answered with a status outside 2xx. Carries the status, method, URL and the Coder `Response`
 * (message, detail, validations); prints like Go's `ReadBodyAsError`, with "Try logging in using
 * 'coder login'." on a 401.
 */
export class CoderApiError extends CoderRequestError {
  override name = 'CoderApiError';
  /** The HTTP status code. */
  readonly status: number;
  /** The Coder error body; synthesized for non-JSON, empty or message-less bodies as Go does. */
  readonly response: Response;
  /** The status as a kind to branch on. */
  readonly kind: ApiErrorKind;
  /** How the body was read (see {@link ErrorBodyKind}). */
  readonly bodyKind: ErrorBodyKind;
  /** A hint for the reader, such as the 401 helper; part of the message. */
  readonly helper: string | undefined;
  /** The server's `Retry-After`, in ms, when it sent one. */
  readonly retryAfterMs: number | undefined;
  /**
   * The `kind` field of the error body, when coderd sends one: its chat lifecycle hooks answer a create
   * or a send with `hook_denied` (403, the hook's reason as the message) or `hook_dispatch_failed` (502).
   * Undefined otherwise. (The `kind` field of this error is the status as a kind.)
   */
  readonly responseKind: string | undefined;

  constructor(init: CoderApiErrorInit) {
    super(formatApiError(init), init);
    this.status = init.status;
    this.response = init.response;
    this.kind = apiErrorKind(init.status);
    this.bodyKind = init.bodyKind;
    this.helper = init.helper;
    this.retryAfterMs = init.retryAfterMs;
    this.responseKind = init.responseKind;
  }
}

/** The request never got an HTTP answer: DNS, refused or reset connection, TLS failure. */
export class CoderConnectionError extends CoderRequestError {
  override name = 'CoderConnectionError';
  /** The system error code when there is one, such as `ECONNREFUSED` or `ECONNRESET`. */
  readonly code: string | undefined;

  constructor(init: { method: string; url: string; code?: string | undefined; cause?: unknown }) {
    const code = init.code ? ` (${init.code})` : '';
    const message = `${init.method} ${init.url}: could not reach the Coder server${code}: ${causeText(init.cause)}`;
    super(message, init, { cause: init.cause });
    this.code = init.code;
  }
}

/** A request attempt took longer than its timeout (`timeout` option of the client or the call). */
export class CoderTimeoutError extends CoderRequestError {
  override name = 'CoderTimeoutError';
  /** The timeout that ran out, in ms. */
  readonly timeoutMs: number;

  constructor(init: { method: string; url: string; timeoutMs: number }) {
    super(`${init.method} ${init.url}: no complete answer within ${init.timeoutMs} ms`, init);
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller's `AbortSignal` fired. `cause` is the signal's reason. */
export class CoderAbortError extends CoderError {
  override name = 'CoderAbortError';
  readonly method: string | undefined;
  readonly url: string | undefined;

  constructor(init: { method?: string; url?: string; reason?: unknown }) {
    const where = init.method && init.url ? `${init.method} ${init.url}: ` : '';
    super(`${where}aborted by the caller`, { cause: init.reason });
    this.method = init.method;
    this.url = init.url;
  }
}

/** Why a successful response could not be used. */
export type ResponseFormatReason = 'html' | 'empty' | 'invalid_json' | 'schema' | 'not_event_stream';

/**
 * A 2xx response that is not what the endpoint returns: HTML (a proxy, an SSO page or a wrong URL), an
 * empty body, invalid JSON, JSON that does not match the wire type (naming the type and the field), or
 * a watch stream that is not `text/event-stream`.
 */
export class CoderResponseFormatError extends CoderRequestError {
  override name = 'CoderResponseFormatError';
  readonly reason: ResponseFormatReason;
  readonly status: number;
  /** `GET /api/v2/tasks/me/{id}` style: the method and path, without the host. */
  readonly endpoint: string;
  /** The wire type that was expected, for `schema`. */
  readonly typeName: string | undefined;
  /** The JSON path of the first mismatch, for `schema`, such as `$.tasks[0].status`. */
  readonly field: string | undefined;
  readonly contentType: string | undefined;

  constructor(init: {
    reason: ResponseFormatReason;
    status: number;
    method: string;
    url: string;
    endpoint: string;
    contentType?: string | undefined;
    typeName?: string | undefined;
    field?: string | undefined;
    problem?: string | undefined;
    cause?: unknown;
  }) {
    super(describeFormat(init), init, { cause: init.cause });
    this.reason = init.reason;
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.typeName = init.typeName;
    this.field = init.field;
    this.contentType = init.contentType;
  }
}

/** The hint codersdk's `ReadBodyAsJSON` gives for an HTML answer. */
export const HTML_RESPONSE_HELPER =
  'Ensure the Coder URL is correct and that any reverse proxy or SSO in front of it passes /api/v2 requests through to Coder.';

function describeFormat(init: {
  reason: ResponseFormatReason;
  status: number;
  method: string;
  url: string;
  contentType?: string | undefined;
  typeName?: string | undefined;
  problem?: string | undefined;
}): string {
  const head = `${init.method} ${init.url}: invalid API response (status code ${init.status}): `;
  const type = init.contentType ? ` (content type "${init.contentType}")` : '';
  switch (init.reason) {
    case 'html':
      return `${head}Received an HTML response instead of JSON from the Coder API.${type} ${HTML_RESPONSE_HELPER}`;
    case 'empty':
      return `${head}Received an empty response from the Coder API.`;
    case 'invalid_json':
      return `${head}Received an invalid JSON response from the Coder API.${type}`;
    case 'not_event_stream':
      return `${head}expected a server-sent event stream (text/event-stream)${type}. ${HTML_RESPONSE_HELPER}`;
    case 'schema':
      return `${head}the body does not match ${init.typeName ?? 'the expected type'}: ${init.problem ?? ''}. Is this server a newer or older Coder than this SDK supports?`;
  }
}

/** The workspace watch stream sent an `event: error`; carries the Coder `Response` it held. */
export class CoderStreamError extends CoderRequestError {
  override name = 'CoderStreamError';
  readonly response: Response;

  constructor(ctx: { method: string; url: string }, response: Response) {
    const detail = response.detail ? `: ${response.detail}` : '';
    super(`${ctx.method} ${ctx.url}: the watch stream reported an error: ${response.message}${detail}`, ctx);
    this.response = response;
  }
}

function causeText(cause: unknown): string {
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}
