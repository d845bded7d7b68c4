import type { IncomingHttpHeaders } from 'node:http';

/** One request as the fake saw it, with every credential removed. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** Query parameters (the last value of each), without `coder_session_token` and `access_token`. */
  query: Record<string, string>;
  /** Request headers, lower-case, without `coder-session-token`, `authorization` and `cookie`. */
  headers: Record<string, string>;
  /** The body: parsed JSON when it is JSON, else the text; undefined when empty. */
  body: unknown;
  /** The status sent, or 0 when the connection was reset before a status line (or is still open). */
  status: number;
  /** The username the request authenticated as, when it did. */
  user?: string;
  /** The route pattern it matched, such as `/api/v2/tasks/{user}/{task}`. */
  route?: string;
  /** Wall-clock time it arrived (ms since the epoch). */
  receivedAt: number;
}

const SECRET_HEADERS = new Set(['coder-session-token', 'authorization', 'cookie', 'proxy-authorization']);
const SECRET_QUERY = new Set(['coder_session_token', 'access_token']);

/** Builds a record with the credentials stripped. */
export function recordRequest(method: string, url: URL, headers: IncomingHttpHeaders): RecordedRequest {
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (!SECRET_QUERY.has(k)) query[k] = v;
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (SECRET_HEADERS.has(k) || v === undefined) continue;
    clean[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return {
    method,
    path: url.pathname,
    query,
    headers: clean,
    body: undefined,
    status: 0,
    receivedAt: Date.now(),
  };
}

/** The recorded form of a body. */
export function recordedBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
