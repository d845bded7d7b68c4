import { describe, expect, it } from 'vitest';
import { goQuote, tasksFilterToQuery } from '../src/index';

// Expected values are what Go's strconv.Quote (the %q verb) prints for the same string.
describe('goQuote (strconv.Quote)', () => {
  it.each([
    ['alice', '"alice"'],
    ['a b', '"a b"'],
    ['owner:x', '"owner:x"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['\x07\b\f\n\r\t\v', '"\\a\\b\\f\\n\\r\\t\\v"'],
    ['\x00\x1b\x7f', '"\\x00\\x1b\\x7f"'],
    ['café 日本 😀', '"café 日本 😀"'],
    ['\u00a0', '"\\u00a0"'],
    ['\u200b\u2028\ufeff\u0085', '"\\u200b\\u2028\\ufeff\\u0085"'],
    ['\u{e0001}', '"\\U000e0001"'],
    ['\ud800', '"\ufffd"'],
    ['', '""'],
  ])('%j -> %s', (value, quoted) => {
    expect(goQuote(value)).toBe(quoted);
  });
});

describe('tasksFilterToQuery (TasksFilter.asRequestOption)', () => {
  it('is empty for no filter: every task the caller can see', () => {
    expect(tasksFilterToQuery()).toBe('');
    expect(tasksFilterToQuery({})).toBe('');
    expect(tasksFilterToQuery({ owner: '', organization: '' })).toBe('');
  });

  it('writes terms in Go order, each value quoted, then the raw query', () => {
    expect(
      tasksFilterToQuery({
        filter_query: 'has-ai-task:true',
        status: 'active',
        organization: 'coder',
        owner: 'me',
      }),
    ).toBe('owner:"me" organization:"coder" status:"active" has-ai-task:true');
  });

  it('keeps hostile values one term', () => {
    expect(tasksFilterToQuery({ owner: 'alice status:paused' })).toBe('owner:"alice status:paused"');
    expect(tasksFilterToQuery({ organization: 'a"b c' })).toBe('organization:"a\\"b c"');
    expect(tasksFilterToQuery({ owner: 'x\ny' })).toBe('owner:"x\\ny"');
  });
});
