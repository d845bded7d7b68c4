import { describe, expect, it } from 'vitest';
import { addFigures, figuresLine, headlineOf, isStale, worstWindow } from './fault-matrix-figures';

describe('the fault matrix figures', () => {
  it.each([
    [[], 0],
    [[0, 10, 20], 3],
    [[0, 59_999, 60_000, 60_001], 3],
    [[0, 1, 2, 120_000], 3],
    [[120_000, 0, 60_000], 1],
  ])('the busiest minute of %j holds %d requests', (times, worst) => {
    expect(worstWindow(times)).toBe(worst);
  });

  it('calls a comment stale while its headline still shows progress, and only then', () => {
    expect(headlineOf('<!-- m -->\n### ⚙️ Coder task: working\n\ntext')).toBe('⚙️ Coder task: working');
    expect(isStale('<!-- m -->\n### ⚙️ Coder task: working')).toBe(true);
    expect(isStale('<!-- m -->\n### 👀 Coder: on it')).toBe(true);
    expect(isStale('<!-- m -->\n### ⚙️ Coder chat: working')).toBe(true);
    expect(isStale('<!-- m -->\n### ✅ Coder task: complete')).toBe(false);
    expect(isStale('<!-- m -->\n### ✅ Coder chat: complete')).toBe(false);
    expect(isStale('<!-- m -->\n### 🛑 Coder task: run cancelled')).toBe(false);
  });

  it('adds scenarios up and prints one line', () => {
    const zero = {
      run: 0,
      survived: 0,
      duplicateTasks: 0,
      duplicateComments: 0,
      staleComments: 0,
      worstPerMinute: 0,
    };
    const one = { duplicateTasks: 1, duplicateComments: 0, staleComments: 2, worstPerMinute: 9 };
    const two = { duplicateTasks: 0, duplicateComments: 1, staleComments: 0, worstPerMinute: 4 };
    expect(figuresLine(addFigures(addFigures(zero, one, false), two, true))).toBe(
      'fault matrix: 2 scenarios run, 1 survived, 1 duplicate tasks, 1 duplicate comments, 2 stale comments, worst 9 requests per minute while waiting',
    );
  });
});
