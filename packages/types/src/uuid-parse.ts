const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX32 = /^[0-9a-f]{32}$/i;

/**
 * Parses a UUID in every form Go's `uuid.Parse` accepts (canonical, `{…}`, `urn:uuid:…`, 32 hex digits)
 * and returns it canonical and lower-case, or undefined when it is not one.
 */
export function parseUuid(value: string): string | undefined {
  let s = value;
  if (s.length === 45 && s.slice(0, 9).toLowerCase() === 'urn:uuid:') s = s.slice(9);
  else if (s.length === 38 && s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1);
  if (HEX32.test(s)) {
    s = `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
  return CANONICAL.test(s) ? s.toLowerCase() : undefined;
}

/** True when `value` is a UUID in any form Go's `uuid.Parse` accepts. */
export function isUuid(value: string): boolean {
  return parseUuid(value) !== undefined;
}
