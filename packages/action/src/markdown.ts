import { removeInvisible } from './sanitize';

/**
 * Makes text safe to put in a fenced code block: line endings become LF (a lone CR would end a line in
 * Markdown), NUL and lone surrogates become U+FFFD (what GitHub stores anyway), and trailing white space
 * lines are dropped so the block does not end in a blank run.
 */
export function normalizeCodeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\0/g, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .trimEnd(); // the same white space as /\s+$/, without its quadratic backtracking on long blank runs
}

/**
 * Reduces server-provided text to one visible line: invisible and control characters removed, every run
 * of white space (line breaks included) made one space, and at most `max` characters, never cutting a
 * surrogate pair in two. What is left can neither start a Markdown block nor a workflow command on a line
 * of its own.
 */
export function oneLine(text: string, max = 200): string {
  const line = removeInvisible(text).replace(/\s+/g, ' ').trim();
  return line.length > max ? `${cutAt(line, max - 1)}…` : line;
}

/** The first `length` UTF-16 units of `text`, one fewer when the last would be half a surrogate pair. */
export function cutAt(text: string, length: number): string {
  if (length >= text.length) return text;
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

/**
 * Server-provided text as an inline code span on one line ({@link oneLine}): inside it nothing is
 * Markdown, HTML, a link or a mention. The fence is longer than any backtick run inside, and padded when
 * the text starts or ends with a backtick.
 */
export function codeSpan(text: string, max = 200): string {
  const line = oneLine(text, max);
  if (line === '') return '` `';
  const fence = '`'.repeat(longestBacktickRun(line) + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** The longest run of backticks in `text`. */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  // indexOf and a scan, not matchAll: this runs on up to a megabyte of logs, and a match object per run
  // of backticks cost more than the rest of rendering them.
  for (let at = text.indexOf('`'); at !== -1; ) {
    let end = at + 1;
    while (text.charCodeAt(end) === 0x60) end++;
    longest = Math.max(longest, end - at);
    at = text.indexOf('`', end);
  }
  return longest;
}

/**
 * A fenced code block that nothing inside can close: the fence is one backtick longer than the longest
 * run in the text (and at least three). Inside it nothing is Markdown, HTML or a mention. The text must
 * already be normalized with {@link normalizeCodeText}.
 */
export function codeBlock(text: string, info = 'text'): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return text === '' ? `${fence}${info}\n${fence}` : `${fence}${info}\n${text}\n${fence}`;
}

/** A collapsible section; the blank lines make GitHub render the Markdown inside it. */
export function details(summary: string, inner: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${inner}\n\n</details>`;
}
