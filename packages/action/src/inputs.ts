import { type ActionInputs, parseInputs } from './parse-inputs';
import * as core from './runner-commands';

/**
 * Reads and validates every input. The tokens are masked before anything else, even before validation,
 * so no later log line or error can print them. This is the only module that calls `core.getInput`.
 */
export function readInputs(): ActionInputs {
  for (const secret of ['coder-token', 'github-token']) {
    const value = core.getInput(secret).trim();
    if (value !== '') core.setSecret(value);
  }
  return parseInputs((name) => core.getInput(name));
}
