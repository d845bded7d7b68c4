import { errorReply, type Reply } from '../http/reply';
import { readJsonObject } from '../http/request-body';

// Request bodies of the chats routes, read the way Go's json.Decoder fills a codersdk struct (unknown
// fields ignored, null leaves the zero value), and the input-part checks create and send share.

const INVALID_JSON = 'Request body must be valid JSON.';

/**
 * The body limit of the create and send routes: coderd reads them through a 2 × 128 KiB limit (the
 * prompt limit twice over, for JSON escaping).
 */
export const CHAT_BODY_LIMIT = 256 * 1024;
/** The 413 message for a body over {@link CHAT_BODY_LIMIT}: the swagger text, unconfirmed against coderd. */
export const CHAT_BODY_TOO_LARGE = 'Request body exceeds 256 KiB';

/**
 * A JSON object body, or the 400/413 coderd answers. With `limit` (bytes), a longer body answers 413
 * {@link CHAT_BODY_TOO_LARGE} instead of the server-wide 4 MiB one.
 */
export function readObject(
  body: { rawBody: Buffer; bodyTooLarge: boolean },
  structName: string,
  limit?: number,
): { value: Record<string, unknown> } | { reply: Reply } {
  if (limit !== undefined && (body.bodyTooLarge || body.rawBody.length > limit)) {
    return { reply: errorReply(413, CHAT_BODY_TOO_LARGE) };
  }
  return readJsonObject(body, structName);
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

/**
 * Checks one field's JSON type. Returns the value (undefined when absent or null) or the 400 Go's decoder
 * causes for a wrong type.
 */
export function field<T>(
  body: Record<string, unknown>,
  structName: string,
  key: string,
  kind: 'string' | 'boolean' | 'number' | 'array' | 'object',
  goType: string,
): { value: T | undefined } | { reply: Reply } {
  const v = body[key];
  if (v === undefined || v === null) return { value: undefined };
  const ok =
    kind === 'array'
      ? Array.isArray(v)
      : kind === 'object'
        ? typeof v === 'object' && !Array.isArray(v)
        : typeof v === kind;
  if (ok) return { value: v as T };
  return {
    reply: errorReply(
      400,
      INVALID_JSON,
      `json: cannot unmarshal ${jsonKind(v)} into Go struct field ${structName}.${key} of type ${goType}`,
    ),
  };
}

/**
 * Checks `content` as coderd's create and send handlers do and turns the input parts into the message
 * parts they are saved as. The fake has no uploaded files, so every `file_id` references a missing file.
 */
export function contentParts(
  content: unknown[] | undefined,
): { parts: Record<string, unknown>[] } | { reply: Reply } {
  if (!content || content.length === 0) return { reply: errorReply(400, 'Content is required.') };
  const parts: Record<string, unknown>[] = [];
  for (const [i, raw] of content.entries()) {
    const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const type = typeof p.type === 'string' ? p.type : '';
    const invalid = (detail: string) => ({ reply: errorReply(400, 'Invalid input part.', detail) });
    if (type === 'text') {
      const text = typeof p.text === 'string' ? p.text : '';
      if (text.trim() === '') return invalid(`content[${i}].text cannot be empty.`);
      parts.push({ type: 'text', text });
    } else if (type === 'file') {
      const fileId = typeof p.file_id === 'string' ? p.file_id : '';
      if (fileId === '') return invalid(`content[${i}].file_id is required for file parts.`);
      return invalid(
        `content[${i}].file_id ${JSON.stringify(fileId)} references a file that does not exist.`,
      );
    } else if (type === 'file-reference') {
      const fileName = typeof p.file_name === 'string' ? p.file_name : '';
      if (fileName.trim() === '')
        return invalid(`content[${i}].file_name cannot be empty for file-reference.`);
      parts.push({
        type: 'file-reference',
        file_name: fileName,
        start_line: typeof p.start_line === 'number' ? p.start_line : 0,
        end_line: typeof p.end_line === 'number' ? p.end_line : 0,
        content: typeof p.content === 'string' ? p.content : '',
      });
    } else {
      return invalid(`content[${i}].type ${JSON.stringify(type)} is not supported.`);
    }
  }
  return { parts };
}

/** The title a chat starts with before title generation runs: the prompt's first line, shortened. */
export function fallbackTitle(parts: Record<string, unknown>[]): string {
  const text = parts
    .filter((p) => p.type === 'text')
    .map((p) => String(p.text))
    .join(' ');
  const line = text.replace(/\s+/g, ' ').trim() || 'New Chat';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
