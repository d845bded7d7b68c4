import { parse, postprocess, preprocess } from 'micromark';

/** One token of parsed Markdown: its kind and where it is in the source (UTF-16 offsets). */
export interface MarkdownToken {
  type: string;
  start: number;
  end: number;
}

/** A token entered or left, in document order, as micromark reports them. */
export type MarkdownEvent = ['enter' | 'exit', MarkdownToken];

/** The parsed text (the source with {@link NEUTRAL} in place of emphasis markers) and its events. */
export interface ParsedMarkdown {
  /** Same length as the source, so every offset points at the same place in both. */
  text: string;
  events: MarkdownEvent[];
}

/** What stands in for an emphasis marker in {@link ParsedMarkdown.text}. */
export const NEUTRAL = '\uE000';
/** Containers (`>`, list markers) past this depth on one line hide the rest of that line. */
export const MAX_DEPTH = 32;
/** Link brackets past this many in one paragraph are not read as links. */
export const MAX_BRACKETS = 256;

/**
 * Parses Markdown the way GitHub reads a comment, as far as code, quotes, HTML, links, images and
 * definitions go, into micromark's flat list of token events (they carry the source position of every
 * piece of text, which is what the callers need; a syntax tree library would only add to the bundle).
 *
 * Comments are untrusted and may be 65,536 characters long, and micromark spends quadratic time on
 * two things none of the callers needs: emphasis (`*a*a*a…` took 86 s) and containers nested thousands
 * deep on one line (`> - > - …` took 55 s). So an emphasis marker that could open emphasis (`*` or `_`
 * before a non-space; those in `keep` stay) is parsed as a neutral character, which changes no code
 * span, quote, HTML or link (they all bind tighter than emphasis), and a line nested deeper than
 * {@link MAX_DEPTH} containers is blanked after the last one kept: what is that deep is not read. Links
 * cost quadratic time too when they fail to close in one long word (`[a](b[a](b…` took 11 s), so in a
 * word of 1,000 characters or more the link, image and HTML characters are neutral as well, and so are
 * the brackets of a paragraph with more than {@link MAX_BRACKETS} of them (micromark looks back over the
 * paragraph at each `]`: 11,000 `[x]: <` took 8 s). GFM
 * extensions are left out for the same reason (a `](` run took 21 s with them) and because they decide
 * nothing here: tables, strikethrough and autolinks are text either way.
 */
export function parseMarkdown(source: string, keep = ''): ParsedMarkdown {
  const neutral = (ch: string) => (keep.includes(ch) ? ch : NEUTRAL);
  const text = limitDepth(
    source
      .replace(/[*_](?![ \t\n]|$)/g, neutral)
      .replace(/\S+/g, (word) => (word.length < 1_000 ? word : word.replace(/[[\]()<>!&\\]/g, neutral)))
      .replace(/[^\n]+(?:\n[^\n]+)*/g, (block) =>
        bracketCount(block) <= MAX_BRACKETS ? block : block.replace(/[[\]]/g, neutral),
      ),
    MAX_DEPTH,
  );
  const events = postprocess(
    parse()
      .document()
      .write(preprocess()(text, undefined, true)),
  );
  return {
    text,
    events: events.map(([kind, token]) => [
      kind,
      { type: token.type, start: token.start.offset, end: token.end.offset },
    ]),
  };
}

function bracketCount(block: string): number {
  let count = 0;
  for (let i = block.indexOf('['); i !== -1; i = block.indexOf('[', i + 1)) count++;
  return count;
}

/** Blanks each line after its `max`-th container marker, when it has more. One pass over the text. */
function limitDepth(text: string, max: number): string {
  let out = '';
  let from = 0;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    let at = lineStart;
    let depth = 0;
    while (at < lineEnd) {
      const marker = containerMarker(text, at, lineEnd);
      if (marker === 0) break;
      at += marker;
      if (++depth === max) {
        if (containerMarker(text, at, lineEnd) > 0) {
          out += `${text.slice(from, at)}${' '.repeat(lineEnd - at)}`;
          from = lineEnd;
        }
        break;
      }
    }
    lineStart = lineEnd + 1;
  }
  return out + text.slice(from);
}

/** The length of a container marker (`>`, `-`, `+`, `*`, `1.`, `1)`) with its spaces at `at`, or 0. */
function containerMarker(text: string, at: number, end: number): number {
  let i = at;
  while (i < end && i - at < 3 && text[i] === ' ') i++;
  const ch = text[i];
  if (ch === '>') {
    i++;
  } else if ((ch === '-' || ch === '+' || ch === '*') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
    i++;
  } else {
    const digits = i;
    while (i < end && i - digits < 9 && isDigit(text.charCodeAt(i))) i++;
    if (i === digits || (text[i] !== '.' && text[i] !== ')')) return 0;
    i++;
    if (text[i] !== ' ' && text[i] !== '\t') return 0;
  }
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  return i - at;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
