import { type SecretForms, secretForms } from './secret-forms';
import { redactShapes } from './secret-shapes';

/** What replaces a secret in everything the action posts or prints. */
export const REDACTED = '[REDACTED]';

/** Replaces secrets in text; made once per run from the tokens it knows. Works on any piece of a text. */
export type Redactor = (text: string) => string;

/**
 * A redactor for the given secrets (the Coder and GitHub tokens) and the common credential shapes of
 * {@link redactShapes}. Each secret is also found in its encoded forms ({@link secretForms}), split by
 * line breaks or invisible characters, and in part at either end of the text: a secret split across two
 * messages (or two lines the renderer keeps apart) leaves its start at the end of one text and the rest
 * at the start of the next, and each piece of at least {@link EDGE} characters is replaced.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const forms = secretForms(secrets);
  return (text: string): string => redactShapes(redactKnown(text, forms), REDACTED);
}

/** The shortest piece of a known secret replaced at the edge of a text: shorter ones occur by chance. */
export const EDGE = 12;

// What a program or a terminal may put inside a secret without changing it for a reader: line breaks,
// tabs and other controls, and characters that render as nothing.
const SKIPPED = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}]+/gu;

/**
 * The text without {@link SKIPPED} characters; the way back to positions in the original is worked out
 * only when something is found (most texts hold no secret).
 */
interface View {
  text: string;
  /** `text` with ASCII letters lower-cased (same length), for the forms whose hex may be in any case. */
  lower: string;
}

function viewOf(text: string): View {
  const kept = text.replace(SKIPPED, '');
  // toLowerCase keeps the length unless a character grows (U+0130 does); then only ASCII is lowered.
  let lower = kept.toLowerCase();
  if (lower.length !== kept.length) lower = kept.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  return { text: kept, lower };
}

/** Maps positions in the view back to the original: where each kept segment starts in both. */
function positionMap(text: string): (index: number) => number {
  const starts = [0];
  const origins = [0];
  let kept = 0;
  let last = 0;
  for (const skipped of text.matchAll(SKIPPED)) {
    kept += skipped.index - last;
    last = skipped.index + skipped[0].length;
    starts.push(kept);
    origins.push(last);
  }
  return (index) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((starts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return (origins[low] ?? 0) + index - (starts[low] ?? 0);
  };
}

function redactKnown(text: string, forms: SecretForms): string {
  if (text === '' || (forms.exact.length === 0 && forms.anyCase.length === 0)) return text;
  const view = viewOf(text);
  const found: [number, number][] = [];
  const search = (haystack: string, form: string) => {
    for (let at = haystack.indexOf(form); at !== -1; at = haystack.indexOf(form, at + form.length)) {
      found.push([at, at + form.length]);
    }
    found.push(...edges(haystack, form));
  };
  for (const form of forms.exact) search(view.text, form);
  for (const form of forms.anyCase) search(view.lower, form);
  if (found.length === 0) return text;
  const toOriginal = view.text.length === text.length ? (index: number) => index : positionMap(text);
  const ranges = found
    .map(([start, end]): [number, number] => [toOriginal(start), toOriginal(end - 1) + 1])
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [start, end] of ranges) {
    if (end <= from) continue;
    if (start >= from) out += `${text.slice(from, start)}${REDACTED}`;
    from = end;
  }
  return out + text.slice(from);
}

/**
 * Pieces of `form` at the edges of `text`: a start of it that ends the text, an end of it that starts
 * the text, or the whole text when it lies inside the form. Each at least {@link EDGE} characters.
 */
function edges(text: string, form: string): [number, number][] {
  if (form.length < 2 * EDGE || text.length < EDGE) return [];
  if (text.length < form.length && form.includes(text)) return [[0, text.length]];
  const out: [number, number][] = [];
  // The text's last EDGE characters sit somewhere in the form; only there can a longer start of it end.
  // The longest piece wins, should the form repeat itself.
  const tail = text.slice(-EDGE);
  let longest = 0;
  for (let at = form.indexOf(tail); at !== -1; at = form.indexOf(tail, at + 1)) {
    const piece = form.slice(0, at + EDGE);
    if (piece.length < form.length && text.endsWith(piece)) longest = piece.length;
  }
  if (longest > 0) out.push([text.length - longest, text.length]);
  const head = text.slice(0, EDGE);
  longest = 0;
  for (let at = form.indexOf(head, 1); at !== -1; at = form.indexOf(head, at + 1)) {
    const piece = form.slice(at);
    if (text.startsWith(piece)) longest = Math.max(longest, piece.length);
  }
  if (longest > 0) out.push([0, longest]);
  return out;
}
