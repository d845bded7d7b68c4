import { z } from 'zod';
import {
  type ChatStreamEvent,
  ChatStreamEventSchema,
  type ChatWatchEvent,
  ChatWatchEventSchema,
} from './chat-stream';
import { parseWire, WireFormatError } from './parse-wire';
import { type Response, ResponseSchema } from './resources';

/**
 * One WebSocket text message of a Chats stream, decoded:
 * - `data`: events (the per-chat stream: a batch of up to 256; the watch stream: exactly one);
 * - `ping`: a keep-alive of servers before coder/coder#24148 (April 2026), which carry nothing;
 * - `error`: an error `Response` such a server sent before closing.
 * `envelope` tells whether the server used the old `{"type","data"}` envelope.
 */
export type ChatFrame<E> =
  | { kind: 'data'; events: E[]; envelope: boolean }
  | { kind: 'ping'; envelope: true }
  | { kind: 'error'; error: Response; envelope: true };

const ENVELOPE_TYPES = new Set(['ping', 'data', 'error']);

/**
 * Decodes a per-chat stream message (`GET /chats/{chat}/stream`). Current coderd sends a bare JSON array
 * of `ChatStreamEvent` followed by `"\n"`; servers before coder/coder#24148 wrapped the array in
 * `{"type":"data","data":[…]}` and also sent `{"type":"ping"}` and `{"type":"error","data":{…}}`.
 * Both are read. Throws a {@link WireFormatError} on anything else.
 */
export function parseChatStreamFrame(text: string): ChatFrame<ChatStreamEvent> {
  const value = parseJson(text, 'ChatStreamFrame');
  if (Array.isArray(value)) {
    return {
      kind: 'data',
      events: parseWire(z.array(ChatStreamEventSchema), value, 'ChatStreamEvent[]'),
      envelope: false,
    };
  }
  // An envelope is an object with a known `type` and no `chat_id`; a lone event object is not a frame.
  if (isEnvelope(value) && !('chat_id' in value)) {
    return fromEnvelope(value, z.array(ChatStreamEventSchema), 'ChatStreamEvent[]', (events) => events);
  }
  throw new WireFormatError('ChatStreamFrame', [
    { path: '$', problem: 'expected an array of events or a {"type","data"} envelope' },
  ]);
}

/**
 * Decodes a watch stream message (`GET /chats/watch`): one `ChatWatchEvent` object plus `"\n"`, or, on
 * servers before coder/coder#24148, that event inside a `{"type":"data","data":{…}}` envelope (and
 * `ping` / `error` envelopes).
 */
export function parseChatWatchFrame(text: string): ChatFrame<ChatWatchEvent> {
  const value = parseJson(text, 'ChatWatchFrame');
  if (isEnvelope(value) && !('kind' in value)) {
    return fromEnvelope(value, ChatWatchEventSchema, 'ChatWatchEvent', (event) => [event]);
  }
  return {
    kind: 'data',
    events: [parseWire(ChatWatchEventSchema, value, 'ChatWatchEvent')],
    envelope: false,
  };
}

function parseJson(text: string, typeName: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new WireFormatError(typeName, [{ path: '$', problem: 'expected JSON text' }]);
  }
}

function isEnvelope(value: unknown): value is { type: string; data?: unknown } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    ENVELOPE_TYPES.has((value as { type?: unknown }).type as string)
  );
}

function fromEnvelope<S extends z.ZodType, E>(
  envelope: { type: string; data?: unknown },
  schema: S,
  typeName: string,
  toEvents: (data: z.output<S>) => E[],
): ChatFrame<E> {
  if (envelope.type === 'ping') return { kind: 'ping', envelope: true };
  if (envelope.type === 'error') {
    return { kind: 'error', error: parseWire(ResponseSchema, envelope.data, 'Response'), envelope: true };
  }
  return { kind: 'data', events: toEvents(parseWire(schema, envelope.data, typeName)), envelope: true };
}
