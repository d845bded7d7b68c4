import { describe, expect, it } from 'vitest';
import {
  chatLabelFilters,
  invalidChatLabelFilterMessage,
  parseChatLabelFilter,
  validateChatLabels,
} from '../src/index';

const details = (labels: Record<string, string>) => validateChatLabels(labels).map((error) => error.detail);

describe('validateChatLabels', () => {
  it('accepts valid labels, at every limit', () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    expect(validateChatLabels({})).toEqual([]);
    expect(validateChatLabels(fifty)).toEqual([]);
    expect(validateChatLabels({ ['a'.repeat(64)]: 'é'.repeat(128) })).toEqual([]);
    expect(validateChatLabels({ 'github.com/repo': 'acme/app', '0_a-b.c': 'x:y' })).toEqual([]);
  });

  it("reports coderd's detail for each broken rule, with field labels", () => {
    const fiftyOne = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(validateChatLabels(fiftyOne)).toEqual([
      { field: 'labels', detail: 'too many labels (51); maximum is 50' },
    ]);
    expect(details({ '': 'v' })).toEqual(['label key must not be empty']);
    expect(details({ ['a'.repeat(65)]: 'v' })).toEqual([
      `label key "${'a'.repeat(65)}" exceeds maximum length of 64 bytes`,
    ]);
    expect(details({ '-x': 'v' })).toEqual([
      'label key "-x" contains invalid characters; must match ^[a-zA-Z0-9][a-zA-Z0-9._/-]*$',
    ]);
    expect(details({ k: '' })).toEqual(['label value for key "k" must not be empty']);
    expect(details({ k: 'v'.repeat(257) })).toEqual([
      'label value for key "k" exceeds maximum length of 256 bytes',
    ]);
  });

  it('counts bytes, not characters, as Go does', () => {
    expect(details({ k: 'é'.repeat(129) })).toEqual([
      'label value for key "k" exceeds maximum length of 256 bytes',
    ]);
    expect(details({ [`${'a'.repeat(63)}é`]: 'v' })).toHaveLength(2);
  });

  it('skips the value checks of an empty key and reports every other rule a key breaks', () => {
    expect(details({ '': '' })).toEqual(['label key must not be empty']);
    expect(details({ 'a b': '' })).toEqual([
      'label key "a b" contains invalid characters; must match ^[a-zA-Z0-9][a-zA-Z0-9._/-]*$',
      'label value for key "a b" must not be empty',
    ]);
  });

  it("quotes keys as Go's %q does, which is not how JSON quotes them", () => {
    expect(details({ 'a"\n\x01\u00e9': 'v' })).toEqual([
      'label key "a\\"\\n\\x01é" contains invalid characters; must match ^[a-zA-Z0-9][a-zA-Z0-9._/-]*$',
    ]);
  });

  it('refuses a key that only looks valid before a trailing newline', () => {
    expect(details({ 'abc\n': 'v' })).toHaveLength(1);
  });
});

describe('chat label filters', () => {
  it('writes one key:value per label', () => {
    expect(chatLabelFilters({ 'github.com/repo': 'acme/app', issue: '42' })).toEqual([
      'github.com/repo:acme/app',
      'issue:42',
    ]);
    expect(chatLabelFilters({})).toEqual([]);
  });

  it('splits at the first colon, so values may hold colons, and round-trips what it writes', () => {
    expect(parseChatLabelFilter('url:https://x:8080/a')).toEqual({ key: 'url', value: 'https://x:8080/a' });
    for (const filter of chatLabelFilters({ a: 'b:c', 'd.e': 'f' })) {
      expect(parseChatLabelFilter(filter)).toBeDefined();
    }
  });

  it('refuses a filter without a colon or with an empty side', () => {
    for (const raw of ['nocolon', ':v', 'k:', ':', '']) expect(parseChatLabelFilter(raw)).toBeUndefined();
  });

  it("words the server's 400 message like coderd, quoting the raw filter", () => {
    expect(invalidChatLabelFilterMessage('k:')).toBe(
      'Invalid label filter: "k:" (expected format key:value, both must be non-empty)',
    );
  });
});
