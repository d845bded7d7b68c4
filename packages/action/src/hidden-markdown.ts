import { parseMarkdown } from './markdown-events';

/**
 * Removes from Markdown what GitHub does not show, so the agent is told only what the person can read:
 * link reference definitions (`[//]: # (hidden)`, `[x]: url "hidden title"`), which render as nothing,
 * and image alt text, which GitHub shows only when the image does not load (the image itself stays, as
 * `![](url)`). Everything else is kept as written. HTML comments and invisible characters are the
 * business of `sanitizeUntrusted`, which should run first.
 */
export function dropHiddenMarkdown(source: string): string {
  if (!source.includes('[')) return source;
  const cuts: [number, number][] = [];
  let inImage = 0;
  for (const [kind, token] of parseMarkdown(source).events) {
    if (token.type === 'image') inImage += kind === 'enter' ? 1 : -1;
    if (kind !== 'enter') continue;
    if (token.type === 'definition') {
      // The line it stood on goes with it, indentation included.
      let start = token.start;
      while (start > 0 && (source[start - 1] === ' ' || source[start - 1] === '\t')) start--;
      cuts.push([start, source[token.end] === '\n' ? token.end + 1 : token.end]);
    } else if (token.type === 'labelText' && inImage > 0) {
      cuts.push([token.start, token.end]);
    }
  }
  let out = '';
  let from = 0;
  for (const [start, end] of cuts.sort((a, b) => a[0] - b[0])) {
    if (start < from) continue;
    out += source.slice(from, start);
    from = end;
  }
  return out + source.slice(from);
}
