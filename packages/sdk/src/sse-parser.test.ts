import { describe, expect, it } from 'vitest';
import { type SseEvent, SseParser } from './sse-parser';

function parse(chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];
}

const ev = (event: string, data: string, id?: string): SseEvent => ({ event, data, id });

describe('SseParser', () => {
  it.each<[string, string[], SseEvent[]]>([
    ["Coder's ping then data", ['event: ping\n\nevent: data\ndata: {"a":1}\n\n'], [ev('data', '{"a":1}')]],
    ['a ping with empty data', ['event: ping\ndata: \n\n'], [ev('ping', '')]],
    ['CRLF line ends', ['event: data\r\ndata: x\r\n\r\n'], [ev('data', 'x')]],
    ['CR line ends', ['event: data\rdata: x\r\r'], [ev('data', 'x')]],
    ['CRLF split across chunks', ['event: data\r', '\ndata: x\r', '\n\r', '\n'], [ev('data', 'x')]],
    [
      'a line split across chunks',
      ['eve', 'nt: da', 'ta\ndata: {"id"', ':"x"}\n', '\n'],
      [ev('data', '{"id":"x"}')],
    ],
    ['multi-line data', ['data: one\ndata: two\n\n'], [ev('message', 'one\ntwo')]],
    ['comments are ignored', [': keep-alive\ndata: x\n\n'], [ev('message', 'x')]],
    ['no space after the colon', ['event:data\ndata:x\n\n'], [ev('data', 'x')]],
    ['only the first space is stripped', ['data:  two spaces\n\n'], [ev('message', ' two spaces')]],
    ['a field without a colon', ['data\n\n'], [ev('message', '')]],
    ['a leading BOM', ['\ufeffdata: x\n\n'], [ev('message', 'x')]],
    [
      'id is remembered',
      ['id: 7\ndata: a\n\ndata: b\n\n'],
      [ev('message', 'a', '7'), ev('message', 'b', '7')],
    ],
    ['an unfinished event is dropped at the end', ['data: a\n\ndata: cut'], [ev('message', 'a')]],
    ['unknown fields and retry are ignored', ['retry: 10\nfoo: bar\ndata: x\n\n'], [ev('message', 'x')]],
    [
      'event type resets between events',
      ['event: error\ndata: 1\n\ndata: 2\n\n'],
      [ev('error', '1'), ev('message', '2')],
    ],
  ])('%s', (_name, chunks, expected) => {
    expect(parse(chunks)).toEqual(expected);
  });

  it('gives the same events however the stream is cut', () => {
    const text = 'event: ping\r\n\r\nevent: data\r\ndata: {"x":"a\\nb"}\r\n\r\n: c\nevent: data\ndata: 2\n\n';
    const whole = parse([text]);
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(parse(chunks)).toEqual(whole);
    }
    expect(whole).toEqual([ev('data', '{"x":"a\\nb"}'), ev('data', '2')]);
  });
});
