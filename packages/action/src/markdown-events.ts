import { parse, postprocess, preprocess } from 'micromark';
import { gfm } from 'micromark-extension-gfm';

/** One token of parsed Markdown: its kind and where it is in the source (UTF-16 offsets). */
export interface MarkdownToken {
  type: string;
  start: number;
  end: number;
}

/** A token entered or left, in document order, as micromark reports them. */
export type MarkdownEvent = ['enter' | 'exit', MarkdownToken];

/**
 * Parses Markdown the way GitHub reads a comment (CommonMark with the GFM extensions: tables, task
 * lists, strikethrough, autolinks, footnotes) into micromark's flat list of token events. The events,
 * not a syntax tree, because they carry the source position of every piece of text, which is what the
 * callers need, and because a tree library would add to the bundle.
 */
export function markdownEvents(source: string): MarkdownEvent[] {
  const events = postprocess(
    parse({ extensions: [gfm()] })
      .document()
      .write(preprocess()(source, undefined, true)),
  );
  return events.map(([kind, token]) => [
    kind,
    { type: token.type, start: token.start.offset, end: token.end.offset },
  ]);
}
