import { describe, expect, it } from 'vitest';
import {
  CHAT_STREAM_EVENT_TYPES,
  ChatStreamEventSchema,
  parseChatStreamFrame,
  parseChatWatchFrame,
  parseWire,
  WireFormatError,
} from '../src/index';
import { readGolden } from './golden';

const CHAT_ID = '3f6c2a1e-8b4d-4e7a-9c1f-2d5e6a7b8c90';

describe('parseChatStreamFrame', () => {
  it('reads a bare array frame with its trailing newline, one event of every type', () => {
    const golden = readGolden('stream-frame.golden');
    expect(golden.endsWith(']\n')).toBe(true);
    const frame = parseChatStreamFrame(golden);
    if (frame.kind !== 'data') throw new Error(`expected a data frame, got ${frame.kind}`);
    expect(frame.envelope).toBe(false);
    expect(new Set(frame.events.map((event) => event.type))).toEqual(new Set(CHAT_STREAM_EVENT_TYPES));
    expect(`${JSON.stringify(frame.events)}\n`).toBe(golden);
  });

  it('gives each event its payload', () => {
    const frame = parseChatStreamFrame(readGolden('stream-frame.golden'));
    if (frame.kind !== 'data') throw new Error('expected data');
    const [message, queue, status, retry, action, reset, part, emptyQueue, error] = frame.events;
    expect(message?.message?.id).toBe(41);
    expect(message?.message?.content[0]?.text).toBe('Fix the flaky login test');
    expect(queue?.queued_messages?.map((queued) => queued.id)).toEqual([3]);
    expect(status?.status?.status).toBe('running');
    expect(retry?.retry).toMatchObject({ attempt: 1, delay_ms: 2000, kind: 'overloaded' });
    expect(action?.action_required?.tool_calls[0]?.args).toBe('{"number":42}');
    expect(Object.keys(reset ?? {})).toEqual(['type', 'chat_id']);
    expect(part?.message_part).toMatchObject({
      role: 'assistant',
      seq: 1,
      part: { type: 'text', text: 'Looking' },
    });
    // Go leaves out an empty queue: an absent queued_messages means the queue is empty.
    expect(emptyQueue?.type).toBe('queue_update');
    expect(emptyQueue?.queued_messages).toBeUndefined();
    expect(error?.error).toEqual({
      message: 'The chat request failed unexpectedly.',
      kind: 'generic',
      retryable: false,
    });
  });

  it('reads the envelope of servers before coder/coder#24148, with their older parts', () => {
    const frame = parseChatStreamFrame(readGolden('stream-frame-envelope.golden'));
    if (frame.kind !== 'data') throw new Error('expected data');
    expect(frame.envelope).toBe(true);
    expect(frame.events.map((event) => event.type)).toEqual(['message', 'status']);
    expect(frame.events[0]?.message?.content[0]).toMatchObject({
      type: 'text',
      text: 'Fix the flaky login test',
      url: '',
    });
    expect(frame.events[1]?.status?.status).toBe('pending');
  });

  it('reads the old ping and error envelopes', () => {
    expect(parseChatStreamFrame('{"type":"ping"}\n')).toEqual({ kind: 'ping', envelope: true });
    expect(parseChatStreamFrame('{"type":"ping","data":null}')).toEqual({ kind: 'ping', envelope: true });
    expect(
      parseChatStreamFrame(
        '{"type":"error","data":{"message":"Internal error.","detail":"pubsub closed"}}\n',
      ),
    ).toEqual({
      kind: 'error',
      error: { message: 'Internal error.', detail: 'pubsub closed' },
      envelope: true,
    });
  });

  it('reads an empty array as a frame without events', () => {
    expect(parseChatStreamFrame('[]\n')).toEqual({ kind: 'data', events: [], envelope: false });
  });

  it('keeps an event of an unknown type', () => {
    const frame = parseChatStreamFrame(
      JSON.stringify([{ type: 'title_update', chat_id: CHAT_ID, title: 'x' }]),
    );
    expect(frame).toEqual({
      kind: 'data',
      events: [{ type: 'title_update', chat_id: CHAT_ID }],
      envelope: false,
    });
  });

  it('refuses text that is not JSON, a lone event object, and a malformed event, naming the path', () => {
    expect(() => parseChatStreamFrame('not json')).toThrow(WireFormatError);
    expect(() => parseChatStreamFrame(JSON.stringify({ type: 'status', chat_id: CHAT_ID }))).toThrow(
      'Invalid ChatStreamFrame',
    );
    expect(() => parseChatStreamFrame(JSON.stringify([{ type: 'status', chat_id: 'nope' }]))).toThrow(
      'Invalid ChatStreamEvent[]: $[0].chat_id: expected a UUID string',
    );
  });
});

describe('ChatStreamEventSchema', () => {
  it('reads a legacy string error payload as a ChatError', () => {
    const event = parseWire(
      ChatStreamEventSchema,
      { type: 'error', chat_id: CHAT_ID, error: 'boom' },
      'ChatStreamEvent',
    );
    expect(event.error).toEqual({ message: 'boom', kind: 'generic', retryable: false });
  });
});

describe('parseChatWatchFrame', () => {
  it('reads one watch event object with its trailing newline', () => {
    const frame = parseChatWatchFrame(readGolden('watch-frame.golden'));
    if (frame.kind !== 'data') throw new Error('expected data');
    expect(frame.envelope).toBe(false);
    expect(frame.events).toHaveLength(1);
    expect(frame.events[0]?.kind).toBe('status_change');
    expect(frame.events[0]?.chat.status).toBe('waiting');
    expect(frame.events[0]?.chat.id).toBe(CHAT_ID);
  });

  it('reads the old data and ping envelopes of the watch stream', () => {
    const event = JSON.parse(readGolden('watch-frame.golden'));
    const frame = parseChatWatchFrame(
      JSON.stringify({ type: 'data', data: { ...event, kind: 'title_change' } }),
    );
    expect(frame.kind === 'data' && frame.events[0]?.kind).toBe('title_change');
    expect(frame.envelope).toBe(true);
    expect(parseChatWatchFrame('{"type":"ping"}')).toEqual({ kind: 'ping', envelope: true });
  });

  it('keeps an unknown kind and the tool calls of action_required', () => {
    const event = JSON.parse(readGolden('watch-frame.golden'));
    const calls = [{ tool_call_id: 'c1', tool_name: 'lookup', args: '{}' }];
    const frame = parseChatWatchFrame(
      JSON.stringify({ ...event, kind: 'action_required', tool_calls: calls }),
    );
    expect(frame.kind === 'data' && frame.events[0]?.tool_calls).toEqual(calls);
    const unknown = parseChatWatchFrame(JSON.stringify({ ...event, kind: 'pinned' }));
    expect(unknown.kind === 'data' && unknown.events[0]?.kind).toBe('pinned');
  });
});
