import { describe, expect, it } from 'vitest';
import { goTrimSpace, utf8Length, validateTaskDisplayName, validateTaskName } from '../src/index';

// Expected details are codersdk.NameValid's error strings; the message is the create route's 400 message.
describe('validateTaskName (codersdk.NameValid)', () => {
  it.each([
    ['a', undefined],
    ['fix-login-test-a1b2', undefined],
    ['A1-b2-C3', undefined],
    ['x'.repeat(32), undefined],
    ['New', undefined],
    ['x'.repeat(33), 'must be <= 32 characters'],
    ['é'.repeat(17), 'must be <= 32 characters'],
    ['', 'must be >= 1 character'],
    ['new', 'cannot use "new" as a name'],
    ['create', 'cannot use "create" as a name'],
    ['-leading', 'must be alphanumeric with hyphens'],
    ['trailing-', 'must be alphanumeric with hyphens'],
    ['double--hyphen', 'must be alphanumeric with hyphens'],
    ['under_score', 'must be alphanumeric with hyphens'],
    ['this is not a valid task name', 'must be alphanumeric with hyphens'],
    ['café', 'must be alphanumeric with hyphens'],
  ])('%j -> %s', (name, detail) => {
    const problem = validateTaskName(name);
    if (detail === undefined) {
      expect(problem).toBeUndefined();
    } else {
      expect(problem).toEqual({ message: 'Unable to create a Task with the provided name.', detail });
    }
  });
});

describe('validateTaskDisplayName (64 bytes after TrimSpace)', () => {
  const tooLong = { message: 'Display name must be 64 characters or less.' };
  it.each([
    ['', undefined],
    ['A valid task display name', undefined],
    ['x'.repeat(64), undefined],
    [`   ${'x'.repeat(64)}\n\t`, undefined],
    ['This is a task display name with a length greater than 64 characters.', tooLong],
    ['x'.repeat(65), tooLong],
    ['ü'.repeat(33), tooLong],
    ['ü'.repeat(32), undefined],
  ])('%j', (displayName, expected) => {
    expect(validateTaskDisplayName(displayName)).toEqual(expected);
  });

  it('trims what Go trims, not what JavaScript trims', () => {
    expect(goTrimSpace('\u0085 a \u3000')).toBe('a');
    expect(goTrimSpace('\ufeffa')).toBe('\ufeffa');
  });

  it('counts UTF-8 bytes', () => {
    expect(utf8Length('aé日😀')).toBe(1 + 2 + 3 + 4);
  });
});
