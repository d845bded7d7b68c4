import { parseUuid } from '@coder-tasks/types/names';
import { parseDuration } from './duration';
import { InputError } from './input-error';

// The readers of single input values that parse-inputs.ts combines, and that other modules share (who
// counts as an allowed bot, what `coder-user` may name). Each throws an InputError that names the input.

const TRUE = ['true', 'True', 'TRUE'];
const FALSE = ['false', 'False', 'FALSE'];

// coderd's username rule (codersdk.UsernameValidRegex, at most 32 characters).
const CODER_USERNAME = /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/;

/**
 * The `{user}` of a Coder route as coderd reads it (httpmw.ExtractUserParam): `me`, a user id (returned
 * canonical), or a username of Coder's allowed form. Undefined for anything else, so that no other text
 * (`..`, `a/b`, `%2F`) ever becomes a path segment.
 */
export function parseCoderUser(text: string): string | undefined {
  if (text === 'me') return text;
  const id = parseUuid(text);
  if (id !== undefined) return id;
  return text.length <= 32 && CODER_USERNAME.test(text) ? text : undefined;
}

/** Lower-cases a bot login and drops the `[bot]` suffix GitHub Apps carry, so both spellings match. */
export function normalizeBotLogin(login: string): string {
  return login
    .trim()
    .toLowerCase()
    .replace(/\[bot\]$/, '');
}

/** True when `login` names a bot listed in `allowed-bots`, in either spelling (with or without `[bot]`). */
export function isAllowedBot(login: string, allowedBots: readonly string[]): boolean {
  return allowedBots.includes(normalizeBotLogin(login));
}

/** `coder-url`: an http(s) URL without credentials. */
export function parseUrl(text: string): URL {
  if (text === '') throw new InputError('coder-url', 'required: the URL of your Coder deployment.');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError('coder-url', 'expected an http(s) URL like https://coder.example.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError('coder-url', `expected an http(s) URL, got the scheme "${url.protocol}".`);
  }
  // Credentials in the URL would end up in logs and links; the token input is the place for them.
  if (url.username !== '' || url.password !== '') {
    throw new InputError('coder-url', 'must not contain a user name or password; use "coder-token".');
  }
  return url;
}

/** A secret input: present, without white space, never echoed. */
export function requireSecret(name: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new InputError(name, 'required and empty: set it from a repository secret (see the README).');
  }
  // Never echo the value: it is a secret even when malformed.
  if (/\s/.test(trimmed)) throw new InputError(name, 'contains white space; check the secret.');
  return trimmed;
}

/** `true` or `false`, in the YAML 1.2 core schema's spellings. */
export function parseBoolean(name: string, text: string): boolean {
  if (TRUE.includes(text)) return true;
  if (FALSE.includes(text)) return false;
  throw new InputError(name, `expected true or false, got "${text}".`);
}

/** A duration input (`90s`, `30m`, `1h30m`), at least `minimumMs`. */
export function parseDurationInput(name: string, text: string, minimumMs: number): number {
  const ms = parseDuration(text);
  if (ms === undefined)
    throw new InputError(name, `expected a duration like 90s, 30m or 1h30m, got "${text}".`);
  if (ms < minimumMs) throw new InputError(name, `must be at least ${minimumMs / 1_000}s, got "${text}".`);
  return ms;
}
