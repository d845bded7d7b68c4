import { type Response, ResponseSchema } from '@coder-tasks/types';

/**
 * One text message of a Chats WebSocket, read: events to validate one by one (`events`, raw), a
 * keep-alive of the older envelope format (`ping`), an error the server reported in-band (`error`), or
 * something that is neither (`invalid`, with why).
 */
export type ChatFrame =
  | { kind: 'events'; events: readonly unknown[] }
  | { kind: 'ping' }
  | { kind: 'error'; response: Response }
  | { kind: 'invalid'; problem: string };

const ENVELOPE_TYPES = new Set(['ping', 'data', 'error']);

/**
 * Reads one frame of the per-chat stream (`GET /chats/{chat}/stream`). Since coder/coder #24148 a frame
 * is a bare JSON array of `ChatStreamEvent`s (plus the encoder's trailing newline); before it, each frame
 * was an envelope `{type: "ping" | "data" | "error", data}` whose `data` held the array. Both are read:
 * a top-level array is the new format, an object with an envelope `type` and no `chat_id` the old one.
 */
export function parseChatStreamFrame(text: string): ChatFrame {
  const parsed = parseJson(text);
  if (!parsed.ok) return { kind: 'invalid', problem: 'the frame is not JSON' };
  const value = parsed.value;
  if (Array.isArray(value)) return { kind: 'events', events: value };
  const envelope = readEnvelope(value);
  if (!envelope) return { kind: 'invalid', problem: 'expected an array of chat stream events' };
  if (envelope.kind !== 'data') return envelope;
  if (Array.isArray(envelope.data)) return { kind: 'events', events: envelope.data };
  // A data envelope with nothing in it carries no events (Go encodes an empty slice as null).
  if (envelope.data === null || envelope.data === undefined) return { kind: 'events', events: [] };
  return { kind: 'invalid', problem: 'the data envelope does not hold an array of events' };
}

/**
 * Reads one frame of the per-user watch stream (`GET /chats/watch`): one `ChatWatchEvent` object per
 * frame, or, before coder/coder #24148, that object wrapped as `{type: "data", data}` after a `ping`.
 */
export function parseChatWatchFrame(text: string): ChatFrame {
  const parsed = parseJson(text);
  if (!parsed.ok) return { kind: 'invalid', problem: 'the frame is not JSON' };
  const value = parsed.value;
  if (isObject(value) && typeof value.kind === 'string') return { kind: 'events', events: [value] };
  const envelope = readEnvelope(value);
  if (!envelope) return { kind: 'invalid', problem: 'expected a chat watch event' };
  if (envelope.kind !== 'data') return envelope;
  return isObject(envelope.data)
    ? { kind: 'events', events: [envelope.data] }
    : { kind: 'invalid', problem: 'the data envelope does not hold a chat watch event' };
}

type Envelope = Exclude<ChatFrame, { kind: 'events' | 'invalid' }> | { kind: 'data'; data: unknown };

function readEnvelope(value: unknown): Envelope | undefined {
  if (!isObject(value) || 'chat_id' in value) return undefined;
  const type = value.type;
  if (typeof type !== 'string' || !ENVELOPE_TYPES.has(type)) return undefined;
  if (type === 'ping') return { kind: 'ping' };
  if (type === 'data') return { kind: 'data', data: value.data };
  const response = ResponseSchema.safeParse(value.data);
  return {
    kind: 'error',
    response:
      response.success && response.data.message !== ''
        ? response.data
        : { message: 'the chat stream reported an error without a message' },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
