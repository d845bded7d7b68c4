import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';

// The few runner commands the post step (and the state both steps share) uses, as `@actions/core` writes them. That package imports its
// OIDC client, and with it an HTTP client and undici, whatever one calls; the post step needs none of it
// and starts on every run, cancelled or not.

/** Escapes a workflow command's message: `%`, CR and LF, so it stays one command on one line. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function issue(command: string, message: string): void {
  process.stdout.write(`::${command}::${escapeCommandData(message)}${EOL}`);
}

/** An input of the step (`INPUT_<NAME>`), trimmed; '' when not set. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** What the main step saved with `saveState` (`STATE_<name>`); '' when nothing was. */
export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? '';
}

/** Tells the runner to hide `secret` in every later log line. */
export function setSecret(secret: string): void {
  issue('add-mask', secret);
}

/** A line in the step's log. */
export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`);
}

/** A warning annotation. */
export function warning(message: string): void {
  issue('warning', message);
}

/**
 * Saves a value for the post step: appended to the `GITHUB_STATE` file as a heredoc whose delimiter is
 * random, so no value can end it early (or, without that file, as a `save-state` command).
 */
export function saveState(name: string, value: string): void {
  const file = process.env.GITHUB_STATE ?? '';
  if (file === '') {
    process.stdout.write(`::save-state name=${escapeProperty(name)}::${escapeCommandData(value)}${EOL}`);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error('Unexpected input: the value holds the delimiter');
  }
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

function escapeProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
