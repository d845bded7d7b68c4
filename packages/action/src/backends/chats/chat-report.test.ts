import { describe, expect, it } from 'vitest';
import { chat } from '../../../test/scripted-chat-client';
import { pullRequestOf, transcriptLogs } from './chat-report';

describe('transcriptLogs', () => {
  it('keeps each request, and one answer per stretch of the agent’s text and tool calls, a line per call', () => {
    expect(
      transcriptLogs([
        { kind: 'user', messageId: 1, text: 'fix it' },
        { kind: 'reasoning', messageId: 2, text: 'thinking' },
        { kind: 'assistant', messageId: 2, text: 'Looking.' },
        { kind: 'tool-call', messageId: 3, toolCallId: 'a', toolName: 'execute', args: '{"command":"ls"}' },
        {
          kind: 'tool-result',
          messageId: 4,
          toolCallId: 'a',
          toolName: 'execute',
          isError: false,
          result: 'x',
        },
        { kind: 'tool-call', messageId: 5, toolCallId: 'b', toolName: 'list', args: '' },
        { kind: 'assistant', messageId: 6, text: 'Done.' },
        { kind: 'user', messageId: 7, text: 'thanks' },
      ]),
    ).toEqual([
      { type: 'input', content: 'fix it' },
      { type: 'output', content: 'Looking.\n▸ execute {"command":"ls"}\n▸ list\nDone.' },
      { type: 'input', content: 'thanks' },
    ]);
  });
});

describe('pullRequestOf', () => {
  const diff = {
    chat_id: chat().id,
    pull_request_title: '',
    pull_request_draft: false,
    changes_requested: false,
    additions: 3,
    deletions: 1,
    changed_files: 1,
  };
  it('is the diff status’s pull request, with its size', () => {
    expect(
      pullRequestOf(chat({ diff_status: { ...diff, url: 'https://github.com/o/r/pull/2', pr_number: 2 } })),
    ).toEqual({ url: 'https://github.com/o/r/pull/2', additions: 3, deletions: 1 });
  });
  it('is none for a branch without a pull request, or a link that is not http(s)', () => {
    expect(
      pullRequestOf(chat({ diff_status: { ...diff, url: 'https://github.com/o/r/tree/fix' } })),
    ).toBeUndefined();
    expect(
      pullRequestOf(chat({ diff_status: { ...diff, url: 'javascript:alert(1)', pr_number: 2 } })),
    ).toBeUndefined();
    expect(pullRequestOf(chat())).toBeUndefined();
  });
});
