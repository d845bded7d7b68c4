import { type Response, ResponseSchema, WireFormatError } from '@coder-tasks/types';
import { CoderApiError, CoderResponseFormatError, type ErrorBodyKind, UNAUTHORIZED_HELPER } from './errors';
import { parseRetryAfter } from './retry-policy';

/** A whole HTTP answer, body read as text. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Which request an answer belongs to, for error messages. */
export interface RequestContext {
  method: string;
  /** The full URL. */
  url: string;
  /** `METHOD /path`, without host and query. */
  endpoint: string;
}

/** One value of a header that may have been sent several times. */
export function headerValue(headers: RawResponse['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The bare mime type of a Content-Type, lower-cased: `application/json; charset=utf-8` → `application/json`. */
export function mimeType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isJsonMime(mime: string): boolean {
  return mime === 'application/json' || mime.endsWith('+json');
}

function looksLikeHtml(mime: string, body: string): boolean {
  return mime === 'text/html' || mime === 'application/xhtml+xml' || body.trimStart().startsWith('<');
}

/** Cuts `text` to `max` characters plus "..." as Go does. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}...` : text;
}

const HTML_ERROR_HELPER =
  'The server answered with a web page, not the Coder API: check the Coder URL, and that any reverse proxy or SSO in front of Coder passes /api/v2 requests through.';

/**
 * Turns a non-2xx answer into a {@link CoderApiError} the way Go's `ReadBodyAsError` does, keeping apart
 * what Go merges: HTML (named as such, with a hint), another non-JSON type, an empty body, JSON that does
 * not parse, and JSON without a message. A 401 gets Go's login hint.
 */
export function apiErrorFromResponse(raw: RawResponse, ctx: RequestContext, now: number): CoderApiError {
  const contentType = headerValue(raw.headers, 'content-type');
  const mime = mimeType(contentType);
  const body = raw.body;
  let response: Response;
  let bodyKind: ErrorBodyKind;
  let helper: string | undefined;
  let responseKind: string | undefined;
  const location = headerValue(raw.headers, 'location');
  if (raw.status >= 300 && raw.status < 400 && location) {
    bodyKind = 'redirect';
    response = {
      message: `unexpected redirect to ${stripQuery(location)}`,
      detail:
        'The Coder API never redirects: the URL points at something in front of Coder (a login page or proxy).',
    };
    helper = 'Use the Coder deployment URL itself (the one `coder login` takes).';
  } else if (!isJsonMime(mime) && body.trim() !== '' && looksLikeHtml(mime, body)) {
    bodyKind = 'html';
    response = { message: `unexpected non-JSON response "${contentType ?? ''}"`, detail: htmlSummary(body) };
    helper = HTML_ERROR_HELPER;
  } else if (!isJsonMime(mime)) {
    bodyKind = body === '' ? 'empty' : 'non_json';
    response = {
      message: `unexpected non-JSON response "${contentType ?? ''}"`,
      detail: body === '' ? 'no response body' : truncate(body.trim(), 2048),
    };
  } else if (body.trim() === '') {
    bodyKind = 'empty';
    response = { message: 'empty response body' };
  } else {
    const parsed = tryJson(body);
    const shaped = parsed.ok ? ResponseSchema.safeParse(parsed.value) : undefined;
    if (!parsed.ok) {
      bodyKind = 'invalid_json';
      response = {
        message: `unexpected status code ${raw.status}, response body is not valid JSON`,
        detail: truncate(body.trim(), 1024),
      };
    } else if (!shaped?.success || shaped.data.message === '') {
      bodyKind = 'json_no_message';
      response = {
        message: `unexpected status code ${raw.status}, response has no message`,
        detail: truncate(body.trim(), 1024),
      };
    } else {
      bodyKind = 'json';
      response = shaped.data;
      const kind = (parsed.value as { kind?: unknown }).kind;
      if (typeof kind === 'string' && kind !== '') responseKind = kind;
    }
  }
  if (raw.status === 401) helper = UNAUTHORIZED_HELPER;
  return new CoderApiError({
    status: raw.status,
    method: ctx.method,
    url: ctx.url,
    response,
    bodyKind,
    helper,
    retryAfterMs: parseRetryAfter(headerValue(raw.headers, 'retry-after'), now),
    responseKind,
  });
}

/**
 * Reads a 2xx body as JSON the way Go's `ReadBodyAsJSON` does: HTML, an empty body and invalid JSON are
 * each a {@link CoderResponseFormatError} of their own.
 */
export function readJsonBody(raw: RawResponse, ctx: RequestContext): unknown {
  const contentType = headerValue(raw.headers, 'content-type');
  const mime = mimeType(contentType);
  const base = { status: raw.status, method: ctx.method, url: ctx.url, endpoint: ctx.endpoint, contentType };
  if (raw.body.trim() === '') throw new CoderResponseFormatError({ ...base, reason: 'empty' });
  if (!isJsonMime(mime) && looksLikeHtml(mime, raw.body)) {
    throw new CoderResponseFormatError({ ...base, reason: 'html' });
  }
  const parsed = tryJson(raw.body);
  if (!parsed.ok)
    throw new CoderResponseFormatError({ ...base, reason: 'invalid_json', cause: parsed.error });
  return parsed.value;
}

/**
 * Reads a 2xx answer with `decode` (a wire schema): `undefined` for routes without a body, else the
 * validated value; a schema mismatch becomes a {@link CoderResponseFormatError} naming the type and field.
 */
export function decodeBody<T>(
  decode: ((data: unknown) => T) | undefined,
  raw: RawResponse,
  ctx: RequestContext,
): T {
  if (!decode) return undefined as T;
  const data = readJsonBody(raw, ctx);
  try {
    return decode(data);
  } catch (error) {
    if (!(error instanceof WireFormatError)) throw error;
    throw new CoderResponseFormatError({
      reason: 'schema',
      status: raw.status,
      ...ctx,
      ...wireMismatch(error),
      cause: error,
    });
  }
}

/** What a {@link CoderResponseFormatError} says about a body that does not match its wire type. */
export function wireMismatch(error: WireFormatError): {
  typeName: string;
  field: string | undefined;
  problem: string | undefined;
} {
  const first = error.issues[0];
  return {
    typeName: error.typeName,
    field: first?.path,
    problem: first ? `${first.path}: ${first.problem}` : undefined,
  };
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * The page title, or the start of its text: enough to recognise a proxy or SSO page. A scan with
 * `indexOf`, not regular expressions: the body comes from whatever answered, and `/<[^>]*>/g` takes
 * quadratic time on a run of `<` without `>` (100,000 of them took 25 s).
 */
export function htmlSummary(html: string): string {
  const title = htmlTitle(html);
  if (title) return `HTML page titled "${truncate(title, 200)}"`;
  const text = stripTags(html).replace(/\s+/g, ' ').trim();
  return text ? `HTML page: ${truncate(text, 200)}` : 'an HTML page';
}

/** The text of the first `<title …>…</title>` (no markup inside), trimmed; undefined without one. */
function htmlTitle(html: string): string | undefined {
  const start = html.search(/<title/i);
  if (start === -1) return undefined;
  const open = html.indexOf('>', start);
  if (open === -1) return undefined;
  const close = html.indexOf('<', open + 1);
  if (close === -1 || html.slice(close, close + 8).toLowerCase() !== '</title>') return undefined;
  return html.slice(open + 1, close).trim() || undefined;
}

/** The text with every `<…>` tag replaced by a space; a `<` never closed is kept as text. */
function stripTags(html: string): string {
  const parts: string[] = [];
  let at = 0;
  for (;;) {
    const lt = html.indexOf('<', at);
    const gt = lt === -1 ? -1 : html.indexOf('>', lt + 1);
    if (gt === -1) {
      parts.push(html.slice(at));
      return parts.join('');
    }
    parts.push(html.slice(at, lt), ' ');
    at = gt + 1;
  }
}

function stripQuery(location: string): string {
  const q = location.search(/[?#]/);
  return q === -1 ? location : location.slice(0, q);
}
