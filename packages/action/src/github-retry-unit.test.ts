import { describe, expect, it } from 'vitest';
import { githubRetryUnitMs } from './github-retry-unit';

describe('githubRetryUnitMs', () => {
  it.each([
    [undefined, 1_000],
    ['', 1_000],
    ['10', 10],
    ['0.5', 0.5],
    ['0', 1_000],
    ['-5', 1_000],
    ['soon', 1_000],
    ['Infinity', 1_000],
  ])('reads %j as %d ms', (value, ms) => {
    expect(githubRetryUnitMs(value === undefined ? {} : { CODER_TASKS_GITHUB_RETRY_UNIT_MS: value })).toBe(
      ms,
    );
  });
});
