import type { KnownTaskStatus } from './enums';

/** `TasksFilter`: a client-side type that becomes the `q` query of the list route. */
export interface TasksFilter {
  /** A username, user UUID or `me`. */
  owner?: string;
  /** An organization name or UUID. */
  organization?: string;
  /** One task status. */
  status?: KnownTaskStatus;
  /** Raw query terms appended as they are, for filters this type does not model. */
  filter_query?: string;
}

/**
 * The `q` string for a filter, exactly as Go's `TasksFilter.asRequestOption` builds it: each value quoted
 * with Go's `%q`, so spaces, colons and quotes in a value stay one term; terms in the order owner,
 * organization, status, raw query; joined by one space. An empty filter gives `""` (all visible tasks).
 */
export function tasksFilterToQuery(filter: TasksFilter = {}): string {
  const params: string[] = [];
  if (filter.owner) params.push(`owner:${goQuote(filter.owner)}`);
  if (filter.organization) params.push(`organization:${goQuote(filter.organization)}`);
  if (filter.status) params.push(`status:${goQuote(filter.status)}`);
  if (filter.filter_query) params.push(filter.filter_query);
  return params.join(' ');
}

// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/**
 * Quotes a string as Go's `strconv.Quote` (the `%q` verb) does: backslash escapes for `"` and `\`, the
 * short escapes `\a \b \f \n \r \t \v`, `\xNN` for other control characters, `\uNNNN` or `\UNNNNNNNN`
 * for other unprintable characters, and printable non-ASCII kept as it is. A lone UTF-16 surrogate,
 * which cannot be sent as UTF-8, is written as U+FFFD as Go would see it.
 */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    const c = String.fromCodePoint(cp);
    if (c === '"' || c === '\\') {
      out += `\\${c}`;
    } else if (PRINTABLE.test(c)) {
      out += c;
    } else if (SHORT_ESCAPES[c] !== undefined) {
      out += SHORT_ESCAPES[c];
    } else if (cp < 0x20 || cp === 0x7f) {
      out += `\\x${cp.toString(16).padStart(2, '0')}`;
    } else if (cp < 0x10000) {
      out += `\\u${cp.toString(16).padStart(4, '0')}`;
    } else {
      out += `\\U${cp.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}
