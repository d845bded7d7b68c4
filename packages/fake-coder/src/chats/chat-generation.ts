import { coderApiGeneration } from '@coder-tasks/types';

// Which Chats behaviour a server generation shows, from the version buildinfo reports. Each switch names
// the coderd change that introduced it; a development or unparsable version counts as the newest.

const at = (version: string, minor: number): boolean => {
  const g = coderApiGeneration(version);
  return g.major > 2 || (g.major === 2 && g.minor >= minor);
};

/** The AI gateway requirement answers 503 from v2.38; earlier chat daemons failed with 500. */
export function gatewayAnswers503(version: string): boolean {
  return at(version, 38);
}

/** The chat state machine (#25908/#25923, v2.35) added `interrupting`; before, interrupt went straight to `waiting`. */
export function hasInterrupting(version: string): boolean {
  return at(version, 35);
}

/** `pending` was removed by #27064 (v2.36); before, a chat the processor had not picked up yet was `pending`. */
export function hasPending(version: string): boolean {
  return !at(version, 36);
}

/** `last_error` became a `ChatError` object with #24919 (v2.34); before, it was a string. */
export function lastErrorIsObject(version: string): boolean {
  return at(version, 34);
}
