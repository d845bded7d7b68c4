import { describe, expect, it } from 'vitest';
import { type ChatFrame, parseChatStreamFrame, parseChatWatchFrame } from './chat-frames';

const CHAT = '1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';
const status = { type: 'status', chat_id: CHAT, status: { status: 'waiting' } };

describe('parseChatStreamFrame', () => {
  it.each<[string, string, ChatFrame]>([
    [
      'a bare array with the encoder newline',
      `${JSON.stringify([status])}\n`,
      { kind: 'events', events: [status] },
    ],
    ['an empty array', '[]', { kind: 'events', events: [] }],
    [
      'an old data envelope',
      JSON.stringify({ type: 'data', data: [status] }),
      { kind: 'events', events: [status] },
    ],
    ['an old data envelope with null data', '{"type":"data","data":null}', { kind: 'events', events: [] }],
    ['an old ping envelope', '{"type":"ping"}', { kind: 'ping' }],
    [
      'an old error envelope, with coderd message and detail',
      JSON.stringify({ type: 'error', data: { message: 'Internal error.', detail: 'boom' } }),
      { kind: 'error', response: { message: 'Internal error.', detail: 'boom' } },
    ],
    [
      'an old error envelope without a message',
      '{"type":"error","data":{}}',
      { kind: 'error', response: { message: 'the chat stream reported an error without a message' } },
    ],
    ['text that is not JSON', 'nope', { kind: 'invalid', problem: 'the frame is not JSON' }],
    [
      'a single event object (not an array)',
      JSON.stringify(status),
      { kind: 'invalid', problem: 'expected an array of chat stream events' },
    ],
    [
      'an object with an envelope type and a chat_id (an event, not an envelope)',
      JSON.stringify({ type: 'error', chat_id: CHAT, data: {} }),
      { kind: 'invalid', problem: 'expected an array of chat stream events' },
    ],
    [
      'a data envelope holding an object',
      '{"type":"data","data":{"a":1}}',
      { kind: 'invalid', problem: 'the data envelope does not hold an array of events' },
    ],
  ])('reads %s', (_name, text, expected) => {
    expect(parseChatStreamFrame(text)).toEqual(expected);
  });
});

describe('parseChatWatchFrame', () => {
  const event = { kind: 'status_change', chat: { id: CHAT } };
  it.each<[string, string, ChatFrame]>([
    [
      'one event object with the encoder newline',
      `${JSON.stringify(event)}\n`,
      { kind: 'events', events: [event] },
    ],
    [
      'an old data envelope',
      JSON.stringify({ type: 'data', data: event }),
      { kind: 'events', events: [event] },
    ],
    ['an old ping', '{"type":"ping"}', { kind: 'ping' }],
    ['an array', '[]', { kind: 'invalid', problem: 'expected a chat watch event' }],
    [
      'a data envelope without an event',
      '{"type":"data","data":[1]}',
      { kind: 'invalid', problem: 'the data envelope does not hold a chat watch event' },
    ],
  ])('reads %s', (_name, text, expected) => {
    expect(parseChatWatchFrame(text)).toEqual(expected);
  });
});
