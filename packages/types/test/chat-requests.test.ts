import { describe, expect, it } from 'vitest';
import {
  ChatMessagesResponseSchema,
  CreateChatMessageRequestSchema,
  CreateChatMessageResponseSchema,
  type CreateChatRequest,
  CreateChatRequestSchema,
  NIL_UUID,
  parseWire,
  UpdateChatRequestSchema,
} from '../src/index';

const ORG = '7c0f0f4e-1c2b-4a43-9d1e-2f3a4b5c6d7e';
const CHAT_ID = '3f6c2a1e-8b4d-4e7a-9c1f-2d5e6a7b8c90';

describe('CreateChatRequestSchema', () => {
  it('reads the minimal body and leaves every optional field out', () => {
    const body: CreateChatRequest = { organization_id: ORG, content: [{ type: 'text', text: 'Fix it' }] };
    expect(parseWire(CreateChatRequestSchema, body, 'CreateChatRequest')).toEqual(body);
  });

  it("reads the Go client's nil file_id and empty enums as unset", () => {
    const request = parseWire(
      CreateChatRequestSchema,
      {
        organization_id: ORG,
        content: [{ type: 'text', text: 'Fix it', file_id: NIL_UUID }],
        plan_mode: '',
        client_type: '',
        labels: null,
      },
      'CreateChatRequest',
    );
    expect(request.content[0]?.file_id).toBe(NIL_UUID);
    expect(request.plan_mode).toBeUndefined();
    expect(request.client_type).toBeUndefined();
    expect(request.labels).toBeUndefined();
  });

  it('keeps an input part type the server rejects, so the server can name it', () => {
    const request = parseWire(
      CreateChatRequestSchema,
      { organization_id: ORG, content: [{ type: 'tool-call' }] },
      'CreateChatRequest',
    );
    expect(request.content[0]?.type).toBe('tool-call');
  });

  it('refuses a body without organization_id or content', () => {
    expect(() => parseWire(CreateChatRequestSchema, { content: [] }, 'CreateChatRequest')).toThrow(
      '$.organization_id: required field is missing',
    );
    expect(() => parseWire(CreateChatRequestSchema, { organization_id: ORG }, 'CreateChatRequest')).toThrow(
      '$.content: required field is missing',
    );
  });
});

describe('CreateChatMessageRequestSchema', () => {
  it('reads an empty busy_behavior as the default and keeps an unknown one for the 400', () => {
    const parse = (busy: unknown) =>
      parseWire(
        CreateChatMessageRequestSchema,
        { content: [{ type: 'text', text: 'more' }], busy_behavior: busy },
        'CreateChatMessageRequest',
      ).busy_behavior;
    expect(parse('')).toBeUndefined();
    expect(parse('interrupt')).toBe('interrupt');
    expect(parse('later')).toBe('later');
  });

  it('keeps plan_mode "" (leave plan mode) apart from no plan_mode (no change)', () => {
    const content = [{ type: 'text', text: 'x' }];
    const parse = (body: object) =>
      parseWire(CreateChatMessageRequestSchema, body, 'CreateChatMessageRequest');
    expect(parse({ content, plan_mode: '' }).plan_mode).toBe('');
    expect('plan_mode' in parse({ content })).toBe(false);
  });
});

describe('CreateChatMessageResponseSchema', () => {
  const message = { id: 42, chat_id: CHAT_ID, created_at: '2026-09-20T10:00:00Z', role: 'user', content: [] };

  it('reads a direct send', () => {
    const response = parseWire(
      CreateChatMessageResponseSchema,
      { message, messages: [message], queued: false },
      'CreateChatMessageResponse',
    );
    expect(response.message?.id).toBe(42);
    expect(response.messages.map((m) => m.id)).toEqual([42]);
    expect(response.warnings).toEqual([]);
  });

  it('reads a queued send, whose messages Go leaves out', () => {
    const queued = { id: 3, chat_id: CHAT_ID, content: null, created_at: '2026-09-20T10:00:00Z' };
    const response = parseWire(
      CreateChatMessageResponseSchema,
      { queued_message: queued, queued: true },
      'CreateChatMessageResponse',
    );
    expect(response).toEqual({
      messages: [],
      queued_message: { ...queued, content: [] },
      queued: true,
      warnings: [],
    });
  });
});

describe('ChatMessagesResponseSchema', () => {
  it('reads nil messages and queued_messages as empty', () => {
    const response = parseWire(
      ChatMessagesResponseSchema,
      { messages: null, queued_messages: null, has_more: false },
      'ChatMessagesResponse',
    );
    expect(response).toEqual({ messages: [], queued_messages: [], has_more: false });
  });
});

describe('UpdateChatRequestSchema', () => {
  it('reads null as no change and {} labels as clearing them', () => {
    const request = parseWire(
      UpdateChatRequestSchema,
      { title: null, labels: {}, archived: true },
      'UpdateChatRequest',
    );
    expect(request.title).toBeUndefined();
    expect(request.labels).toEqual({});
    expect(request.archived).toBe(true);
  });
});
