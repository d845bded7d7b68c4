import { describe, expect, it } from 'vitest';
import {
  CHAT_MESSAGE_PART_TYPES,
  type ChatMessage,
  ChatMessageSchema,
  ChatQueuedMessageSchema,
  isKnownEnumValue,
  parseWire,
} from '../src/index';
import { readGolden } from './golden';

const parseMessage = (data: unknown): ChatMessage => parseWire(ChatMessageSchema, data, 'ChatMessage');

const CHAT_ID = '3f6c2a1e-8b4d-4e7a-9c1f-2d5e6a7b8c90';
const message = (content: unknown): Record<string, unknown> => ({
  id: 7,
  chat_id: CHAT_ID,
  created_at: '2026-09-20T10:00:00Z',
  role: 'assistant',
  content,
});

describe('ChatMessageSchema on the golden message', () => {
  it('reads a part of every type and writes back the same JSON', () => {
    const golden = readGolden('chat-message.golden');
    const parsed = parseMessage(JSON.parse(golden));
    expect(parsed.content.map((part) => part.type)).toEqual([...CHAT_MESSAGE_PART_TYPES]);
    expect(JSON.stringify(parsed)).toBe(golden);
  });

  it('keeps an int64 id near 2^53 exactly', () => {
    expect(parseMessage(JSON.parse(readGolden('chat-message.golden'))).id).toBe(9007199254740000);
  });

  it('gives each part type the fields its kind uses', () => {
    const [text, reasoning, call, result, source, file, reference, contextFile, skill] = parseMessage(
      JSON.parse(readGolden('chat-message.golden')),
    ).content;
    expect(text?.text).toMatch(/^The login test/);
    expect(reasoning?.completed_at).toBe('2026-09-20T10:00:02.25Z');
    expect(call).toMatchObject({ tool_call_id: 'call_01', tool_name: 'execute', text: '' });
    expect(call?.args).toEqual({ command: 'go test ./auth/...' });
    expect(call?.parsed_commands).toEqual([['go', 'test']]);
    expect(result?.result).toEqual({ exit_code: 0, output: 'ok' });
    expect('is_error' in (result ?? {})).toBe(false);
    expect(source?.url).toBe('https://github.com/acme/app/pull/42');
    expect(file).toMatchObject({ media_type: 'image/png', file_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' });
    expect(reference).toMatchObject({ file_name: 'auth/login_test.go', start_line: 10, end_line: 14 });
    expect(contextFile?.context_file_path).toBe('/home/coder/app/AGENTS.md');
    expect(skill?.skill_name).toBe('pull-requests');
  });
});

describe('ChatMessagePartSchema across server generations', () => {
  it('keeps a part of an unknown type as a part with its known fields', () => {
    const [part] = parseMessage(message([{ type: 'video', text: 'clip', frames: 24 }])).content;
    expect(part?.type).toBe('video');
    expect(isKnownEnumValue(CHAT_MESSAGE_PART_TYPES, part?.type ?? '')).toBe(false);
    expect(part?.text).toBe('clip');
    expect(part && 'frames' in part).toBe(false);
  });

  it('reads a part of an older server that lacks the always-written fields as the zero values Go writes', () => {
    const [part] = parseMessage(message([{ type: 'text', text: 'hi' }])).content;
    expect(part).toEqual({
      type: 'text',
      text: 'hi',
      mcp_server_config_id: null,
      url: '',
      media_type: '',
      file_id: null,
      file_name: '',
      start_line: 0,
      end_line: 0,
      content: '',
      context_file_path: '',
      context_file_agent_id: null,
      skill_name: '',
    });
  });

  it('reads an unset NullUUID, sent as null or left out, as null and a set one as the UUID', () => {
    const [unset, absent, set] = parseMessage(
      message([
        { type: 'tool-call', mcp_server_config_id: null },
        { type: 'tool-call' },
        { type: 'tool-call', mcp_server_config_id: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e' },
      ]),
    ).content;
    expect(unset?.mcp_server_config_id).toBeNull();
    expect(absent?.mcp_server_config_id).toBeNull();
    expect(set?.mcp_server_config_id).toBe('2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e');
  });

  it('reads a message whose content Go left out, or wrote as null, as no parts', () => {
    const { content: _content, ...withoutContent } = message(undefined);
    expect(parseMessage(withoutContent).content).toEqual([]);
    expect(parseMessage(message(null)).content).toEqual([]);
  });

  it('keeps a role this version does not know', () => {
    expect(parseMessage({ ...message([]), role: 'developer' }).role).toBe('developer');
  });

  it('refuses a fractional or string message id', () => {
    expect(() => parseMessage({ ...message([]), id: 1.5 })).toThrow('Invalid ChatMessage: $.id');
    expect(() => parseMessage({ ...message([]), id: '7' })).toThrow('$.id: expected number, got string');
  });
});

describe('ChatQueuedMessageSchema', () => {
  it('reads a queued message, a nil content reading as no parts', () => {
    const queued = parseWire(
      ChatQueuedMessageSchema,
      { id: 3, chat_id: CHAT_ID, content: null, created_at: '2026-09-20T10:00:05Z' },
      'ChatQueuedMessage',
    );
    expect(queued).toEqual({ id: 3, chat_id: CHAT_ID, content: [], created_at: '2026-09-20T10:00:05Z' });
  });
});
