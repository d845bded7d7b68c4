import { parseUuid } from '@coder-tasks/types';
import { errorReply, type Reply } from './reply';

/** coderd's httpapi.DefaultMaxRequestBodyBytes (4 MiB). */
export const MAX_BODY_BYTES = 4 << 20;

type FieldKind = 'string' | 'uuid';

const INVALID_JSON = 'Request body must be valid JSON.';

/**
 * Decodes a JSON request body the way Go's json.Decoder fills a struct: unknown fields ignored, `null`
 * leaves the zero value, a wrong type is a 400 "Request body must be valid JSON." with Go's error text.
 */
export function decodeBody<K extends string>(
  body: { rawBody: Buffer; bodyTooLarge: boolean },
  structName: string,
  fields: Record<K, FieldKind>,
): { value: Partial<Record<K, string>> } | { reply: Reply } {
  if (body.bodyTooLarge) return { reply: errorReply(413, 'Request body too large.') };
  const raw = body.rawBody;
  let parsed: unknown;
  const text = raw.toString('utf8');
  if (text.trim() === '') return { reply: errorReply(400, INVALID_JSON, 'EOF') };
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { reply: errorReply(400, INVALID_JSON, (error as Error).message) };
  }
  if (parsed === null) return { value: {} };
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'array' : typeof parsed;
    return {
      reply: errorReply(
        400,
        INVALID_JSON,
        `json: cannot unmarshal ${kind} into Go value of type codersdk.${structName}`,
      ),
    };
  }
  const value: Partial<Record<K, string>> = {};
  for (const [key, kind] of Object.entries(fields) as [K, FieldKind][]) {
    const v = (parsed as Record<string, unknown>)[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') {
      const got = typeof v === 'object' ? (Array.isArray(v) ? 'array' : 'object') : typeof v;
      const goType = kind === 'uuid' ? 'uuid.UUID' : 'string';
      return {
        reply: errorReply(
          400,
          INVALID_JSON,
          `json: cannot unmarshal ${got} into Go struct field ${structName}.${key} of type ${goType}`,
        ),
      };
    }
    if (kind === 'uuid') {
      const id = parseUuid(v);
      if (!id)
        return { reply: errorReply(400, INVALID_JSON, `invalid UUID length: ${Buffer.byteLength(v)}`) };
      value[key] = id;
    } else {
      value[key] = v;
    }
  }
  return { value };
}
