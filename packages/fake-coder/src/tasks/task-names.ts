import { goTrimSpace } from '@coder-tasks/types';
import { hexSuffix } from '../world/ids';

// Name generation without an LLM, as coderd/taskname does when no ANTHROPIC_API_KEY is set: from the
// prompt, else a Docker-style random name; always with a `-xxxx` hex suffix.

const ADJECTIVES = ['brave', 'calm', 'eager', 'fancy', 'gentle', 'happy', 'jolly', 'keen', 'lucid', 'quirky'];
const SURNAMES = ['curie', 'darwin', 'euler', 'hopper', 'lovelace', 'noether', 'pascal', 'ritchie', 'turing'];
// unicode.IsSpace
const SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)] as T;
}

/**
 * strutil.Truncate: at most `n` runes; with `fullWords`, cut at the last white space inside that prefix
 * (even when the prefix ends exactly at a word end); with `ellipsis`, one rune less plus "…".
 */
export function truncate(
  s: string,
  n: number,
  options: { fullWords?: boolean; ellipsis?: boolean } = {},
): string {
  if (n < 1) return '';
  const runes = [...s];
  if (runes.length <= n) return s;
  const maxLen = options.ellipsis ? n - 1 : n;
  const prefix = runes.slice(0, maxLen);
  let out = prefix.join('');
  if (options.fullWords) {
    let boundary = -1;
    prefix.forEach((r, i) => {
      if (SPACE.test(r)) boundary = i;
    });
    if (boundary >= 0) out = prefix.slice(0, boundary).join('');
  }
  return options.ellipsis ? `${out}…` : out;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A generated task name and display name for a prompt. */
export function generateTaskName(prompt: string): { name: string; displayName: string } {
  const normalized = prompt.replace(/[\n\r\t]+/g, ' ');
  const forName =
    Buffer.byteLength(normalized) > 27 ? truncate(normalized, 27, { fullWords: true }) : normalized;
  const name = forName
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9-]+/g, '')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (name) {
    const display = goTrimSpace(truncate(normalized, 64, { fullWords: true, ellipsis: true }));
    return { name: `${name}-${hexSuffix()}`, displayName: capitalize(display || name.replace(/-/g, ' ')) };
  }
  const fallback = `${pick(ADJECTIVES)}-${pick(SURNAMES)}`.slice(0, 27).replace(/-$/, '');
  return { name: `${fallback}-${hexSuffix()}`, displayName: capitalize(fallback.replace(/-/g, ' ')) };
}
