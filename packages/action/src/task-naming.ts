import { createHash } from 'node:crypto';
import { TASK_DISPLAY_NAME_MAX_BYTES, TASK_NAME_MAX_LENGTH, utf8Length } from '@coder-tasks/types';
import { removeInvisible } from './sanitize';

/** What identifies a thread: the repository and the issue or pull request number (or the run). */
export interface TaskNameSource {
  /** `task-name-prefix`, already validated (lower-case, letters, digits, hyphens). */
  prefix: string;
  owner: string;
  repo: string;
  /** The issue or pull request number; undefined for a dispatch without `issue-number`. */
  number: number | undefined;
  /** The workflow run id: names a thread-less dispatch run. */
  runId: string;
}

/**
 * The task name for a thread: `<prefix>-<repo>-<number>-<hash>`, lower-case, at most 32 characters and
 * valid for Coder (reference section 6). The same repository and number always give the same name, so a
 * second `/coder` on one issue finds the first task. The hash of `owner/repo#number` keeps two
 * repositories whose names shorten to the same slug apart; GitHub names are case-insensitive, so is the hash.
 */
export function taskNameFor(source: TaskNameSource): string {
  const repository = `${source.owner}/${source.repo}`.toLowerCase();
  const key =
    source.number === undefined ? `${repository}@run${source.runId}` : `${repository}#${source.number}`;
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 6);
  const tail = source.number === undefined ? `r${source.runId.replace(/\D/g, '')}` : String(source.number);
  const room = TASK_NAME_MAX_LENGTH - source.prefix.length - tail.length - hash.length - 3;
  const slug = slugify(source.repo).slice(0, Math.max(0, room)).replace(/-+$/, '');
  return [source.prefix, slug, tail, hash].filter((part) => part !== '').join('-');
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The display name: `#<number> <title>` with invisible characters removed and white space collapsed, cut
 * on a character boundary with an ellipsis so it fits Coder's 64-byte limit.
 */
export function displayNameFor(number: number | undefined, title: string): string {
  const clean = removeInvisible(title).replace(/\s+/g, ' ').trim();
  const full = (number === undefined ? clean : `#${number} ${clean}`).trim();
  return fitBytes(full, TASK_DISPLAY_NAME_MAX_BYTES);
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes on a code point boundary, ending with `…` when cut. */
export function fitBytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  const budget = maxBytes - utf8Length('…');
  let out = '';
  for (const ch of text) {
    if (utf8Length(out + ch) > budget) break;
    out += ch;
  }
  return `${out.trimEnd()}…`;
}
