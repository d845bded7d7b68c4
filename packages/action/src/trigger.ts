/** Where the trigger phrase was found, and the request written after it. */
export interface TriggerMatch {
  /** The text after the phrase, trimmed; may be empty (`/coder` alone means "work on this thread"). */
  request: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Finds the trigger phrase in a comment, case-insensitively, at the start of the comment or of a word:
 * preceded by the start of a line or white space, and not followed by a letter, digit, `-`, `_` or `/`
 * (so `/coder` does not fire on `/coders`, `/coder-bot` or `path/coder`). Quoted lines (`> ...`) and code
 * blocks are ignored, so quoting an earlier request in a reply does not start work again.
 * The body should already be sanitized (HTML comments removed).
 */
export function findTrigger(body: string, phrase: string): TriggerMatch | undefined {
  const pattern = new RegExp(`(^|[\\s(])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}_/-])`, 'iu');
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  let fence: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1] ?? '';
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = undefined;
      continue;
    }
    if (fence !== undefined || /^ {0,3}>/.test(line)) continue;
    const found = pattern.exec(line);
    if (!found) continue;
    const start = found.index + (found[1] ?? '').length + phrase.length;
    const rest = [line.slice(start), ...lines.slice(index + 1)].join('\n');
    return { request: rest.replace(/^[\s:,]+/, '').trim() };
  }
  return undefined;
}
