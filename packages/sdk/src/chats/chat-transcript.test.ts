import type { ChatMessage } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { chatTranscript } from './chat-transcript';

const CHAT = '1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

// Every part carries coderd's always-serialized fields, as the wire does.
const base = { text: '', url: '', media_type: '', file_name: '', start_line: 0, end_line: 0, content: '' };
const part = (fields: Record<string, unknown>) => ({ ...base, ...fields });

function message(id: number, role: string, parts: Record<string, unknown>[]): ChatMessage {
  return {
    id,
    chat_id: CHAT,
    role,
    created_at: '2026-09-20T10:00:00Z',
    content: parts.map(part),
  } as unknown as ChatMessage;
}

describe('chatTranscript', () => {
  it('renders user text, reasoning, tool calls and results, and assistant text in order', () => {
    const entries = chatTranscript([
      message(1, 'user', [{ type: 'text', text: 'Fix the flaky test' }]),
      message(2, 'assistant', [
        { type: 'reasoning', text: 'Look at the test first.' },
        { type: 'tool-call', tool_call_id: 'c1', tool_name: 'read_file', args: { path: 'a.ts', line: 3 } },
      ]),
      message(3, 'tool', [
        {
          type: 'tool-result',
          tool_call_id: 'c1',
          tool_name: 'read_file',
          result: { ok: false },
          is_error: true,
        },
      ]),
      message(4, 'assistant', [
        { type: 'text', text: 'Fixed ' },
        { type: 'text', text: 'it.' },
      ]),
    ]);
    expect(entries).toEqual([
      { kind: 'user', messageId: 1, text: 'Fix the flaky test' },
      { kind: 'reasoning', messageId: 2, text: 'Look at the test first.' },
      {
        kind: 'tool-call',
        messageId: 2,
        toolCallId: 'c1',
        toolName: 'read_file',
        args: '{"line":3,"path":"a.ts"}',
      },
      {
        kind: 'tool-result',
        messageId: 3,
        toolCallId: 'c1',
        toolName: 'read_file',
        isError: true,
        result: '{"ok":false}',
      },
      { kind: 'assistant', messageId: 4, text: 'Fixed it.' },
    ]);
  });

  it('orders by id, keeps the last form of a re-sent message, and skips system messages and empty text', () => {
    const entries = chatTranscript([
      message(5, 'assistant', [{ type: 'text', text: 'second' }]),
      message(2, 'assistant', [{ type: 'text', text: 'draft' }]),
      message(1, 'system', [{ type: 'text', text: 'You are an agent.' }]),
      message(2, 'assistant', [{ type: 'text', text: 'first' }]),
      message(3, 'assistant', [
        { type: 'text', text: '  ' },
        { type: 'file', media_type: 'image/png' },
      ]),
    ]);
    expect(entries.map((e) => ('text' in e ? e.text : e.kind))).toEqual(['first', 'second']);
  });

  it('cuts long tool arguments to maxToolText characters and flattens whitespace', () => {
    const [entry] = chatTranscript(
      [
        message(1, 'assistant', [
          { type: 'tool-call', tool_call_id: 'c', tool_name: 'sh', args: 'echo\n  hi there' },
        ]),
      ],
      { maxToolText: 8 },
    );
    expect(entry).toMatchObject({ kind: 'tool-call', args: 'echo hi…' });
  });

  it('keeps an unknown part type out without failing', () => {
    expect(chatTranscript([message(1, 'assistant', [{ type: 'hologram' }])])).toEqual([]);
  });

  it('gives the same entries for the same messages in any order', () => {
    const a = message(1, 'user', [{ type: 'text', text: 'a' }]);
    const b = message(2, 'assistant', [
      { type: 'tool-call', tool_call_id: 'x', tool_name: 't', args: { b: 1, a: [2] } },
    ]);
    expect(chatTranscript([b, a])).toEqual(chatTranscript([a, b]));
  });
});
