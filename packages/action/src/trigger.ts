import { NEUTRAL, parseMarkdown } from './markdown-events';

/** Where the trigger phrase was found, and the request written after it. */
export interface TriggerMatch {
  /** The source text after the phrase, trimmed; may be empty (`/coder` alone means "work on this thread"). */
  request: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

// Text a reader does not see as a request: code (spans, fenced and indented blocks), quotes (an earlier
// request quoted in a reply, lazy continuation lines included), HTML (blocks, and text inside inline
// code-like tags), link destinations and titles, reference labels, definitions and image alt text.
const HIDDEN = new Set([
  'codeText',
  'codeFenced',
  'codeIndented',
  'blockQuote',
  'htmlFlow',
  'definition',
  'image',
  'resource',
  'reference',
]);
// Inline HTML shows its inner text, unless the tag makes it code or a quote.
const CODE_TAG = /^<(\/?)(pre|code|kbd|samp|tt|var|blockquote|q)\b/i;
// Where a new block of text starts: what ends one block must not join the next.
const BLOCK_TEXT = new Set(['paragraph', 'atxHeadingText', 'setextHeadingText', 'tableContent']);
// Stands for an inline piece that is not plain text: it is neither a space nor part of a word.
const OBJECT = '\uFFFC';

/** The text GitHub shows outside code, quotes and HTML, with the source offset of each character. */
function visibleText(source: string, phrase: string): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  const add = (chars: string, offset: number, step: number) => {
    for (let i = 0; i < chars.length; i++) {
      // Emphasis markers show as nothing (or as themselves, when unmatched: a word boundary either way).
      if (chars[i] === NEUTRAL) continue;
      text += chars[i];
      offsets.push(offset + i * step);
    }
  };
  const parsed = parseMarkdown(source, phrase);
  let hidden = 0;
  let codeTags = 0;
  for (const [kind, token] of parsed.events) {
    if (HIDDEN.has(token.type)) {
      hidden += kind === 'enter' ? 1 : -1;
      if (kind === 'exit' && hidden === 0) add(OBJECT, token.start, 0);
      continue;
    }
    if (kind !== 'enter') continue;
    if (BLOCK_TEXT.has(token.type)) add('\n', token.start, 0);
    if (hidden > 0) continue;
    if (token.type === 'htmlText') {
      // Tags themselves show nothing; code-like ones stand for the code they open or close.
      const tag = CODE_TAG.exec(parsed.text.slice(token.start, token.end));
      if (tag) {
        codeTags = Math.max(0, codeTags + (tag[1] === '/' ? -1 : 1));
        add(OBJECT, token.start, 0);
      }
      continue;
    }
    if (codeTags > 0) continue;
    if (token.type === 'data' || token.type === 'characterEscapeValue') {
      add(parsed.text.slice(token.start, token.end), token.start, 1);
    } else if (token.type === 'characterReference') add(OBJECT, token.start, 0);
    else if (token.type === 'lineEnding' || token.type === 'hardBreakEscape') add('\n', token.start, 0);
  }
  return { text, offsets };
}

/**
 * Finds the trigger phrase in a comment, case-insensitively, at the start of a word (after white space,
 * `(` or the start of a block of text, and not followed by a letter, digit, `-`, `_` or `/`, so `/coder`
 * does not fire on `/coders`, `/coder-bot` or `path/coder`), and only in text GitHub shows as text: not
 * in code, quotes or HTML. The comment is parsed as GitHub parses it, so an inline code span, an indented
 * block, a fence inside a list item and a quote's lazy continuation line are all told apart as they
 * render. The request is the source text after the phrase. The body should already be sanitized (HTML
 * comments removed).
 */
export function findTrigger(body: string, phrase: string): TriggerMatch | undefined {
  const source = body.replace(/\r\n?/g, '\n');
  const pattern = new RegExp(`(^|[\\s(])${escapeRegExp(phrase)}(?![\\p{L}\\p{N}_/-])`, 'iu');
  // Most comments do not mention the phrase at all: they need no parsing.
  if (!source.toLowerCase().includes(phrase.toLowerCase())) return undefined;
  const visible = visibleText(source, phrase);
  const found = pattern.exec(visible.text);
  if (!found) return undefined;
  const last = found.index + found[0].length - 1;
  const after = (visible.offsets[last] ?? source.length) + 1;
  return {
    request: source
      .slice(after)
      .replace(/^[\s:,]+/, '')
      .trim(),
  };
}
