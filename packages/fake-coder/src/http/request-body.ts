import { parseUuid } from '@coder-tasks/types';
import { errorReply, type Reply } from './reply';

/** coderd's httpapi.DefaultMaxRequestBodyBytes (4 MiB). */
export const MAX_BODY_BYTES = 4 << 20;

type FieldKind = 'string' | 'uuid';

const INVALID_JSON = 'Request body must be valid JSON.';

/**
 * A JSON object request body as Go's json.Decoder reads one into a struct: 413 past the body limit, a 400
 * "Request body must be valid JSON." with Go's error text for an empty, malformed or non-object body, and
 * `null` read as an empty object.
 */
export function readJsonObject(
  body: { rawBody: Buffer; bodyTooLarge: boolean },
  structName: string,
): { value: Record<string, unknown> } | { reply: Reply } {
  if (body.bodyTooLarge) return { reply: errorReply(413, 'Request body too large.') };
  const text = body.rawBody.toString('utf8');
  if (text.trim() === '') return { reply: errorReply(400, INVALID_JSON, 'EOF') };
  let parsed: unknown;
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
  return { value: parsed as Record<string, unknown> };
}

/**
 * Decodes a JSON request body the way Go's json.Decoder fills a struct: unknown fields ignored, `null`
 * leaves the zero value, a wrong type is a 400 "Request body must be valid JSON." with Go's error text.
 */
export function decodeBody<K extends string>(
  body: { rawBody: Buffer; bodyTooLarge: boolean },
  structName: string,
  fields: Record<K, FieldKind>,
): { value: Partial<Record<K, string>> } | { reply: Reply } {
  const read = readJsonObject(body, structName);
  if ('reply' in read) return read;
  const parsed = read.value;
  const value: Partial<Record<K, string>> = {};
  for (const [key, kind] of Object.entries(fields) as [K, FieldKind][]) {
    const v = parsed[key];
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
