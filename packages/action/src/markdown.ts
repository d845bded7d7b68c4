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
    .replace(/\s+$/, '');
}

/** The longest run of backticks in `text`. */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  for (const match of text.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
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

/** Escapes text for use inside HTML (the `<summary>` of a section), which is also safe as Markdown. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`@\\*_[\]]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
