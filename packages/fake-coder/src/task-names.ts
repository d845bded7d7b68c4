import { hexSuffix } from './ids';

// Name generation without an LLM, as coderd/taskname does when no ANTHROPIC_API_KEY is set.

const ADJECTIVES = ['brave', 'calm', 'eager', 'fancy', 'gentle', 'happy', 'jolly', 'keen', 'lucid', 'quirky'];
const SURNAMES = ['curie', 'darwin', 'euler', 'hopper', 'lovelace', 'noether', 'pascal', 'ritchie', 'turing'];

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)] as T;
}

/** Takes whole words while they fit in `max` characters; a first word longer than that is cut. */
function cutOnWords(text: string, max: number): { cut: string; truncated: boolean } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let out = '';
  for (const word of words) {
    const next = out ? `${out} ${word}` : word;
    if (next.length > max) {
      if (!out) return { cut: word.slice(0, max), truncated: true };
      return { cut: out, truncated: true };
    }
    out = next;
  }
  return { cut: out, truncated: false };
}

/** The name part derived from a prompt, or '' when nothing usable is left. */
export function nameFromPrompt(prompt: string): string {
  return cutOnWords(prompt, 27)
    .cut.toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A generated task name: from the prompt, else Docker-style, always with a `-xxxx` hex suffix. */
export function generateTaskName(prompt: string): string {
  const base = nameFromPrompt(prompt) || `${pick(ADJECTIVES)}-${pick(SURNAMES)}`.slice(0, 27);
  return `${base}-${hexSuffix()}`;
}

/** A generated display name: the prompt cut to 64 characters on words (with an ellipsis), capitalized. */
export function generateDisplayName(prompt: string, fallback: string): string {
  const { cut, truncated } = cutOnWords(prompt.replace(/\s+/g, ' '), 61);
  const text = cut ? `${cut}${truncated ? '…' : ''}` : fallback;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
