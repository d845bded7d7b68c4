/**
 * Characters redacted beyond what can be kept, on the side where a text is cut. A secret that straddles
 * the cut lies whole inside this margin (tokens are tens of characters, a private key block a few KB), so
 * the part kept is redacted exactly as if the whole text had been; only the margin may differ (an end
 * piece of a secret the redactor cannot recognize alone), and it is never kept.
 */
export const REDACTION_MARGIN = 32_768;

/** The cleaned end of a text: what {@link cleanTail} returns. */
export interface CleanedTail {
  /** The cleaned window; when {@link skipped} is 0, the whole text cleaned. */
  text: string;
  /** Where the part that can be kept starts in `text`: 0 for a whole text, else past the margin. */
  from: number;
  /** Characters before the window, never cleaned (0 when the whole text was). */
  skipped: number;
}

/** Moves a cut off the second half of a surrogate pair, toward `direction`. */
function onCharacter(text: string, at: number, direction: 1 | -1): number {
  const code = text.charCodeAt(at);
  return at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff ? at + direction : at;
}

/**
 * Cleans (redacts, normalizes) only the end of `text` that can be shown: at least `keep` characters of
 * the result, from `from` on, are the end of `clean(text)` (cleaning can shorten text, never lengthens
 * it by more than the margin covers). A short text, or one that cleaning shrinks so much that no window
 * holds `keep` characters, is cleaned whole, so the result is always exact where it is kept.
 *
 * `clean` must work on any piece of a text (as the redactor does) and look at most
 * {@link REDACTION_MARGIN} characters back.
 */
export function cleanTail(text: string, keep: number, clean: (text: string) => string): CleanedTail {
  for (let margin = REDACTION_MARGIN; ; margin *= 4) {
    const start = text.length - Math.max(0, keep) - 2 * margin;
    if (start <= 0) return { text: clean(text), from: 0, skipped: 0 };
    const skipped = onCharacter(text, start, 1);
    const window = clean(text.slice(skipped));
    if (window.length - margin >= keep) return { text: window, from: margin, skipped };
  }
}

/**
 * Cleans only the start of `text`: the result begins with at least `keep` characters of `clean(text)`
 * (all of it when shorter). The counterpart of {@link cleanTail} for text shown from its start.
 */
export function cleanHead(text: string, keep: number, clean: (text: string) => string): string {
  for (let margin = REDACTION_MARGIN; ; margin *= 4) {
    const end = Math.max(0, keep) + 2 * margin;
    if (end >= text.length) return clean(text);
    const window = clean(text.slice(0, onCharacter(text, end, -1)));
    if (window.length - margin >= keep) return window.slice(0, window.length - margin);
  }
}
