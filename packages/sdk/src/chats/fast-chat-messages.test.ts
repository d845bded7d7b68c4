import {
  ChatMessagePartSchema,
  ChatMessageSchema,
  ChatMessagesResponseSchema,
  ChatMessageUsageSchema,
  ChatQueuedMessageSchema,
} from '@coder-tasks/types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agrees, nearMiss, objectOf, sliceOf, timestamp, uuid } from '../../test/wire-arbitraries';
import { fastChatMessagesResponse, PART_FIELDS, USAGE_FIELDS } from './fast-chat-messages';

// The fast reader must be the schema, only faster: for any input it returns either nothing (the schema
// then decides) or exactly what the schema returns.

const part = objectOf(PART_FIELDS, { absent: 50, good: 100, miss: 1 });
const usage = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 10, arbitrary: objectOf(USAGE_FIELDS, { absent: 3, good: 30, miss: 1 }) },
  { weight: 1, arbitrary: nearMiss },
);
const optionalUuid = fc.oneof(fc.constant(undefined), fc.constant(null), uuid);
const message = fc
  .record({
    id: fc.oneof({ weight: 30, arbitrary: fc.nat() }, { weight: 1, arbitrary: nearMiss }),
    chat_id: uuid,
    created_by: optionalUuid,
    model_config_id: optionalUuid,
    created_at: timestamp,
    role: fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom('user', 'assistant', 'tool') },
      { weight: 1, arbitrary: nearMiss },
    ),
    content: sliceOf(part),
    usage,
  })
  .map(dropUndefined);
const queued = fc
  .record({
    id: fc.nat(),
    chat_id: uuid,
    model_config_id: optionalUuid,
    content: sliceOf(part),
    created_at: timestamp,
  })
  .map(dropUndefined);
const page = fc
  .record({
    messages: sliceOf(message),
    queued_messages: sliceOf(queued),
    has_more: fc.oneof({ weight: 30, arbitrary: fc.boolean() }, { weight: 1, arbitrary: nearMiss }),
  })
  .map(dropUndefined);

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

const CHAT = '8f5c0f4e-2a53-4d41-9f0e-6d3b2f1a9c77';

describe('fastChatMessagesResponse', () => {
  it('lists the schema’s fields in the schema’s order', () => {
    expect(PART_FIELDS.map(([key]) => key)).toEqual(Object.keys(ChatMessagePartSchema.shape));
    expect(USAGE_FIELDS.map(([key]) => key)).toEqual(Object.keys(ChatMessageUsageSchema.shape));
    expect(Object.keys(ChatMessageSchema.shape)).toEqual([
      'id',
      'chat_id',
      'created_by',
      'model_config_id',
      'created_at',
      'role',
      'content',
      'usage',
    ]);
    expect(Object.keys(ChatQueuedMessageSchema.shape)).toEqual([
      'id',
      'chat_id',
      'model_config_id',
      'content',
      'created_at',
    ]);
    expect(Object.keys(ChatMessagesResponseSchema.shape)).toEqual([
      'messages',
      'queued_messages',
      'has_more',
    ]);
  });

  it('returns exactly what the schema returns, or leaves the input to the schema', () => {
    let fast = 0;
    fc.assert(
      fc.property(page, (input) => {
        const read = fastChatMessagesResponse(input);
        for (const m of read?.messages ?? []) fast += m.content.length;
        return agrees(fastChatMessagesResponse, ChatMessagesResponseSchema, input);
      }),
      { numRuns: 3_000 },
    );
    // The generated pages must take the fast path with parts in them, not only give up.
    expect(fast).toBeGreaterThan(50);
  });

  it('takes the fast path for the pages coderd writes', () => {
    const wire = {
      messages: [
        {
          id: 2,
          chat_id: CHAT,
          model_config_id: CHAT,
          created_at: '2026-11-29T11:03:12.563Z',
          role: 'assistant',
          content: [
            {
              type: 'text',
              text: 'Done.',
              mcp_server_config_id: null,
              url: '',
              media_type: '',
              file_id: null,
            },
            { type: 'tool-call', tool_call_id: 'c1', tool_name: 'sh', args: { cmd: 'ls' }, title: null },
          ],
          usage: { input_tokens: 10, output_tokens: 3, total_tokens: null },
        },
      ],
      queued_messages: [
        {
          id: 1,
          chat_id: CHAT,
          content: [{ type: 'text', text: 'next' }],
          created_at: '2026-11-29T11:03:13Z',
        },
      ],
      has_more: false,
    };
    expect(fastChatMessagesResponse(wire)).toBeDefined();
    expect(agrees(fastChatMessagesResponse, ChatMessagesResponseSchema, wire)).toBe(true);
    expect(fastChatMessagesResponse({ messages: null, has_more: true })).toEqual({
      messages: [],
      queued_messages: [],
      has_more: true,
    });
  });

  it('leaves every input the schema rejects to the schema', () => {
    const good = { id: 1, chat_id: CHAT, created_at: '2026-11-29T11:03:12Z', role: 'user', content: [] };
    const bad = [
      { messages: [{ ...good, content: [{ type: 'text', text: null }] }], has_more: false },
      { messages: [{ ...good, content: [{ type: 'text', start_line: 1.5 }] }], has_more: false },
      { messages: [{ ...good, content: [{ type: 'text', file_id: 'nope' }] }], has_more: false },
      { messages: [{ ...good, created_at: '2026-02-30T00:00:00Z' }], has_more: false },
      { messages: [{ ...good, id: 2 ** 53 }], has_more: false },
      { messages: [good] },
    ];
    for (const input of bad) {
      expect(ChatMessagesResponseSchema.safeParse(input).success).toBe(false);
      expect(fastChatMessagesResponse(input)).toBeUndefined();
    }
  });
});
