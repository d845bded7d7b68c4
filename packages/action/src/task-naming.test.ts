import { validateTaskDisplayName, validateTaskName } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { displayNameFor, fitBytes, taskNameFor } from './task-naming';

describe('taskNameFor', () => {
  it.each([
    [
      { prefix: 'gh', owner: 'Codertocat', repo: 'Hello-World', number: 1, runId: '9' },
      'gh-hello-world-1-a5f9f0',
    ],
    [
      { prefix: 'gh', owner: 'codertocat', repo: 'hello-world', number: 1, runId: '1' },
      'gh-hello-world-1-a5f9f0',
    ],
    [{ prefix: 'gh', owner: 'Codertocat', repo: 'Hello-World', number: 2, runId: '9' }, 'gh-hello-world-2-'],
    [
      {
        prefix: 'gh',
        owner: 'o',
        repo: 'a.very_long.repository-name-that-goes-on',
        number: 123456,
        runId: '9',
      },
      'gh-a-very-long-rep-123456-',
    ],
    [
      { prefix: 'coderbot99', owner: 'o', repo: 'r', number: 2147483647, runId: '9' },
      'coderbot99-r-2147483647-',
    ],
    [{ prefix: 'gh', owner: 'o', repo: '___', number: 5, runId: '9' }, 'gh-5-'],
    [{ prefix: 'gh', owner: 'o', repo: 'r', number: undefined, runId: '98765432101' }, 'gh-r-r98765432101-'],
  ])('names %j %s…', (source, start) => {
    const name = taskNameFor(source);
    expect(name.startsWith(start)).toBe(true);
    expect(validateTaskName(name)).toBeUndefined();
    expect(name).toBe(name.toLowerCase());
  });

  it('is the same for the same thread and differs between threads and repositories', () => {
    const a = taskNameFor({ prefix: 'gh', owner: 'acme', repo: 'api', number: 7, runId: '1' });
    expect(taskNameFor({ prefix: 'gh', owner: 'ACME', repo: 'API', number: 7, runId: '2' })).toBe(a);
    expect(taskNameFor({ prefix: 'gh', owner: 'acme', repo: 'api', number: 8, runId: '1' })).not.toBe(a);
    // Same slug, different owners: the hash keeps them apart.
    expect(taskNameFor({ prefix: 'gh', owner: 'other', repo: 'api', number: 7, runId: '1' })).not.toBe(a);
  });

  it('always gives a valid name', () => {
    for (const repo of ['x', 'A'.repeat(100), '-._-', 'ünïcødé-repo', '1']) {
      for (const number of [1, 99999999999]) {
        const name = taskNameFor({ prefix: 'abcdefghij', owner: 'o', repo, number, runId: '1' });
        expect(validateTaskName(name), name).toBeUndefined();
      }
    }
  });
});

describe('displayNameFor', () => {
  it.each([
    [1, 'Spelling error in the README file', '#1 Spelling error in the README file'],
    [2, '  spaced\n\ttitle\u200B ', '#2 spaced title'],
    [undefined, 'fix it', 'fix it'],
  ])('%s %j', (number, title, expected) => {
    expect(displayNameFor(number, title)).toBe(expected);
  });

  it('fits 64 bytes, cutting on a character', () => {
    const name = displayNameFor(12345, '漢字'.repeat(40));
    expect(validateTaskDisplayName(name)).toBeUndefined();
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(64);
    expect(name.endsWith('…')).toBe(true);
    expect(name).not.toContain('\uFFFD');
    expect(fitBytes('😀'.repeat(20), 10)).toBe('😀…');
  });
});
