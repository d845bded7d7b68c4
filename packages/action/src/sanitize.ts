// What renders as nothing but reaches a model intact, by Unicode property rather than a hand list (a list
// misses whole blocks: the tag characters, shorthand format controls, Egyptian hieroglyph format
// controls, the variation-selector supplement): format characters (Cf: zero-width and joiner characters,
// bidi controls that reorder what a reviewer sees, the soft hyphen, interlinear annotations, tags),
// default-ignorable code points (fillers, variation selectors, unassigned ignorables), and the C0/C1
// controls other than tab and newline.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  /[\p{Cf}\p{Default_Ignorable_Code_Point}\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

/**
 * Removes HTML comments, which GitHub hides when rendering but which a model reads, so they are the
 * classic place to hide instructions. An unterminated `<!--` hides the rest of the text on GitHub, so it
 * is removed to the end as well.
 */
export function stripHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
}

/** Removes invisible and control characters (keeps tab and newline) and turns CRLF and CR into LF. */
export function removeInvisible(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
}

/** Both of the above: what a human sees on GitHub is what the agent gets. */
export function sanitizeUntrusted(text: string): string {
  return removeInvisible(stripHtmlComments(text));
}
