import { validateTaskName } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { generateTaskName, truncate } from './task-names';

describe('truncate (strutil.Truncate)', () => {
  it.each([
    ['short', 10, {}, 'short'],
    ['hello world', 5, {}, 'hello'],
    ['hello world again', 13, { fullWords: true }, 'hello world'],
    // A prefix that ends exactly at a word end still drops that word, as Go does.
    ['hello world again', 11, { fullWords: true }, 'hello'],
    ['helloworld', 5, { fullWords: true }, 'hello'],
    ['hello world again', 12, { fullWords: true, ellipsis: true }, 'hello…'],
    ['héllo wörld', 8, {}, 'héllo wö'],
  ])('%j to %d %j → %j', (s, n, options, expected) => {
    expect(truncate(s, n, options)).toBe(expected);
  });
});

describe('generateTaskName (taskname.generateFromPrompt)', () => {
  it('derives a valid name and display name from the prompt', () => {
    const { name, displayName } = generateTaskName('Fix the flaky\tlogin test in CI, please');
    // 27 runes end inside "in", and the cut drops back to the last space before it.
    expect(name).toMatch(/^fix-the-flaky-login-test-[0-9a-f]{4}$/);
    expect(displayName).toBe('Fix the flaky login test in CI, please');
    expect(validateTaskName(name)).toBeUndefined();
  });

  it('cuts the display name to 64 runes on a word with an ellipsis and capitalizes it', () => {
    const { displayName } = generateTaskName(`refactor ${'module '.repeat(20)}`);
    expect([...displayName].length).toBeLessThanOrEqual(64);
    expect(displayName.startsWith('Refactor module')).toBe(true);
    expect(displayName.endsWith('…')).toBe(true);
  });

  it('falls back to a random adjective-name when the prompt has no usable characters', () => {
    const { name, displayName } = generateTaskName('¿¡!!');
    expect(name).toMatch(/^[a-z]+-[a-z]+-[0-9a-f]{4}$/);
    expect(validateTaskName(name)).toBeUndefined();
    expect(displayName).toMatch(/^[A-Z][a-z]+ [a-z]+$/);
  });
});
