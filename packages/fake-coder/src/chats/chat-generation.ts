// Which Chats behaviour a server generation shows, from the version buildinfo reports. Each switch names
// the coderd change that introduced it.

/** major.minor of a buildinfo version; a development build or an unparsable one counts as the newest. */
function minorOf(version: string): number {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m || (m[1] === '0' && m[2] === '0')) return Number.POSITIVE_INFINITY;
  return Number(m[1]) * 1000 + Number(m[2]);
}

const at = (version: string, minor: number): boolean => minorOf(version) >= 2000 + minor;

/**
 * The prefixes under which a generation serves the chats routes: `/api/experimental` v2.32–v2.36, both
 * in v2.37 (coderd #28496 mounted them twice), `/api/v2` only from v2.38 (#29548 removed the duplicates).
 */
export function chatsPrefixes(version: string): string[] {
  if (!at(version, 32)) return [];
  if (!at(version, 37)) return ['/api/experimental'];
  if (!at(version, 38)) return ['/api/v2', '/api/experimental'];
  return ['/api/v2'];
}

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
