// Characters that render as nothing but reach a model intact: zero-width and joiner characters, bidi
// controls (which reorder what a reviewer sees), the soft hyphen, word joiners and invisible operators,
// the BOM, interlinear annotations, the Unicode "tag" block (used to smuggle ASCII instructions), and
// the variation-selector supplement. C0/C1 controls other than tab and newline go too.
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each combining mark is removed on its own
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}\u{1D173}-\u{1D17A}]/gu;

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
