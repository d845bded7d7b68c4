import { describe, expect, it } from 'vitest';
import { type Chat, ChatSchema, isKnownChatStatus, parseWire, WireFormatError } from '../src/index';
import { readGolden } from './golden';

const parseChat = (data: unknown): Chat => parseWire(ChatSchema, data, 'Chat');

/** A chat as a v2.33 server sends it: before labels, pins, sharing, summaries and structured errors. */
function oldChat(): Record<string, unknown> {
  return {
    id: '3f6c2a1e-8b4d-4e7a-9c1f-2d5e6a7b8c90',
    owner_id: '0b9e8d7c-6b5a-4f3e-8d2c-1b0a9f8e7d6c',
    title: 'Fix the flaky login test',
    status: 'pending',
    created_at: '2026-05-06T08:00:00.123456Z',
    updated_at: '2026-05-06T08:00:00.123456Z',
  };
}

describe('ChatSchema on the golden chat', () => {
  it('reads every field and writes back the same JSON, a nil mcp_server_ids becoming []', () => {
    const golden = readGolden('chat.golden');
    const chat = parseChat(JSON.parse(golden));
    expect(chat.status).toBe('error');
    expect(chat.last_error).toEqual({
      message: 'The model provider is overloaded.',
      detail: 'anthropic: 529 overloaded_error',
      kind: 'overloaded',
      provider: 'anthropic',
      retryable: true,
      status_code: 529,
    });
    expect(chat.diff_status?.pr_number).toBe(42);
    expect(chat.diff_status?.url).toBe('https://github.com/acme/app/pull/42');
    expect(chat.labels).toEqual({ 'github.com/issue': '42', 'github.com/repo': 'acme/app' });
    expect(chat.mcp_server_ids).toEqual([]);
    expect(chat.summary).toBeNull();
    expect(chat.children).toEqual([]);
    expect(JSON.stringify(chat)).toBe(golden.replace('"mcp_server_ids":null', '"mcp_server_ids":[]'));
  });

  it('keeps timestamps with their nanoseconds as sent', () => {
    const chat = parseChat(JSON.parse(readGolden('chat.golden')));
    expect(chat.updated_at).toBe('2026-09-20T10:05:00.000000001Z');
  });
});

describe('ChatSchema across server generations', () => {
  it('reads a chat of an older server with the fields added since as Go zero values', () => {
    const chat = parseChat(oldChat());
    expect(chat).toMatchObject({
      status: 'pending',
      archived: false,
      shared: false,
      pin_order: 0,
      has_unread: false,
      mcp_server_ids: [],
      labels: {},
      children: [],
      last_turn_summary: null,
      summary: null,
    });
    expect('last_error' in chat).toBe(false);
    expect('organization_id' in chat).toBe(false);
  });

  it("writes a parsed chat back with Go's field order and every field Go always writes", () => {
    expect(
      Object.keys(parseChat({ ...oldChat(), client_type: 'api', organization_id: oldChat().owner_id })),
    ).toEqual([
      'id',
      'organization_id',
      'owner_id',
      'title',
      'status',
      'last_turn_summary',
      'summary',
      'created_at',
      'updated_at',
      'archived',
      'shared',
      'pin_order',
      'mcp_server_ids',
      'labels',
      'has_unread',
      'client_type',
      'children',
    ]);
  });

  it('reads a legacy string last_error as a generic, non-retryable ChatError', () => {
    const chat = parseChat({ ...oldChat(), status: 'error', last_error: 'context deadline exceeded' });
    expect(chat.last_error).toEqual({
      message: 'context deadline exceeded',
      kind: 'generic',
      retryable: false,
    });
  });

  it('reads an empty or null last_error as no error', () => {
    expect(parseChat({ ...oldChat(), last_error: '' }).last_error).toBeUndefined();
    expect(parseChat({ ...oldChat(), last_error: null }).last_error).toBeUndefined();
  });

  it('reads an object last_error without retryable as not retryable', () => {
    const chat = parseChat({ ...oldChat(), last_error: { message: 'boom', kind: 'timeout' } });
    expect(chat.last_error).toEqual({ message: 'boom', kind: 'timeout', retryable: false });
  });

  it('reads null labels and an empty labels map alike', () => {
    expect(parseChat({ ...oldChat(), labels: null }).labels).toEqual({});
    expect(parseChat({ ...oldChat(), labels: {} }).labels).toEqual({});
  });

  it('keeps a status this version does not know as the raw string', () => {
    const chat = parseChat({ ...oldChat(), status: 'paused_for_review' });
    expect(chat.status).toBe('paused_for_review');
    expect(isKnownChatStatus(chat.status)).toBe(false);
    for (const status of ['waiting', 'running', 'error', 'requires_action', 'interrupting', 'completed']) {
      expect(isKnownChatStatus(parseChat({ ...oldChat(), status }).status)).toBe(true);
    }
  });

  it('reads subagent chats nested in children, each with its own empty children', () => {
    const child = {
      ...oldChat(),
      id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      status: 'running',
      children: null,
    };
    const chat = parseChat({ ...oldChat(), children: [child] });
    expect(chat.children).toHaveLength(1);
    expect(chat.children[0]?.status).toBe('running');
    expect(chat.children[0]?.children).toEqual([]);
  });

  it('drops fields this version does not know', () => {
    const chat = parseChat({ ...oldChat(), new_field_from_v2_40: { x: 1 } });
    expect('new_field_from_v2_40' in chat).toBe(false);
  });
});

describe('ChatSchema on malformed chats', () => {
  function parseError(data: unknown): WireFormatError {
    try {
      parseChat(data);
    } catch (error) {
      expect(error).toBeInstanceOf(WireFormatError);
      return error as WireFormatError;
    }
    throw new Error('expected the chat not to parse');
  }

  it('names the missing field and the wire type', () => {
    const { title: _title, ...wire } = oldChat();
    expect(parseError(wire).message).toBe(
      'Invalid Chat: $.title: required field is missing (expected string)',
    );
  });

  it('names a malformed label value by its path without printing it', () => {
    const error = parseError({ ...oldChat(), labels: { 'secret-key': 42 } });
    expect(error.message).toContain('$.labels["secret-key"]');
    expect(error.message).not.toContain('42');
  });

  it('refuses a non-UUID id inside a child chat', () => {
    const error = parseError({ ...oldChat(), children: [{ ...oldChat(), id: 'not-a-uuid' }] });
    expect(error.message).toContain('$.children[0].id: expected a UUID string');
  });
});
