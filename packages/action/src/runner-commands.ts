import { appendFileSync, existsSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { EOL } from 'node:os';

// The runner commands the action uses, as `@actions/core` writes them. That package imports its OIDC
// client, and with it an HTTP client and undici, whatever one calls: both steps start on every comment,
// and need none of it. (The global `crypto` is used, not `node:crypto`: that module loads on first use
// then, not before the first request.)

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

/** A notice annotation. */
export function notice(message: string): void {
  issue('notice', message);
}

/** An error annotation, and the step fails (exit code 1) when it ends. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  issue('error', message);
}

/**
 * Appends a key and value to a file command's file (`GITHUB_STATE`, `GITHUB_OUTPUT`) as a heredoc whose
 * delimiter is random, so no value can end it early; without the file, as the older workflow command.
 */
function fileCommand(variable: string, command: string, name: string, value: string): void {
  const file = process.env[variable] ?? '';
  if (file === '') {
    process.stdout.write(`::${command} name=${escapeProperty(name)}::${escapeCommandData(value)}${EOL}`);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error('Unexpected input: the value holds the delimiter');
  }
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

/** Saves a value for the post step (`GITHUB_STATE`). */
export function saveState(name: string, value: string): void {
  fileCommand('GITHUB_STATE', 'save-state', name, value);
}

/** Sets an output of the step (`GITHUB_OUTPUT`). */
export function setOutput(name: string, value: string): void {
  fileCommand('GITHUB_OUTPUT', 'set-output', name, value);
}

/** Appends Markdown (and a line break) to the job summary (`GITHUB_STEP_SUMMARY`). */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY ?? '';
  if (file === '') {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.',
    );
  }
  await appendFile(file, `${markdown}${EOL}`, 'utf8');
}

function escapeProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
