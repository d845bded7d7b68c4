import type { Task } from '@coder-tasks/types';
import { describe, expect, it } from 'vitest';
import { CompletionTracker } from './completion';

function task(status: string, state?: [string, string, string]): Task {
  return {
    status,
    current_state: state ? { state: state[0], message: state[1], timestamp: state[2], uri: '' } : null,
  } as unknown as Task;
}
const t = (s: number) => `2026-08-26T12:00:${String(s).padStart(2, '0')}Z`;

describe('CompletionTracker', () => {
  it('ends at once on complete or failed', () => {
    expect(new CompletionTracker(null).observe(task('active', ['complete', 'Done', t(1)]))).toBe('complete');
    expect(new CompletionTracker(null).observe(task('active', ['failed', 'No', t(1)]))).toBe('failed');
  });

  it('counts idle only after real work on this request', () => {
    const tracker = new CompletionTracker(null);
    expect(tracker.observe(task('pending'))).toBeUndefined();
    // The working state Coder synthesizes while the workspace starts is not work.
    expect(tracker.observe(task('initializing', ['working', 'Agent is starting', t(1)]))).toBeUndefined();
    expect(tracker.observe(task('active', ['idle', 'Ready', t(2)]))).toBe('idle-unconfirmed');
    expect(tracker.observe(task('active', ['working', 'Editing', t(3)]))).toBeUndefined();
    expect(tracker.observe(task('active', ['idle', 'Waiting', t(4)]))).toBe('idle');
  });

  it('ignores states from before the request was sent to an existing task', () => {
    const tracker = new CompletionTracker(t(10));
    expect(tracker.observe(task('active', ['complete', 'Old answer', t(10)]))).toBeUndefined();
    expect(tracker.observe(task('active', ['working', 'Old work', t(5)]))).toBeUndefined();
    expect(tracker.observe(task('active', ['idle', 'Old idle', t(9)]))).toBeUndefined();
    expect(tracker.observe(task('active', ['idle', 'Fast', t(11)]))).toBe('idle-unconfirmed');
    expect(tracker.observe(task('active', ['working', 'New work', t(11)]))).toBeUndefined();
    expect(tracker.observe(task('active', ['idle', 'New idle', t(12)]))).toBe('idle');
    expect(new CompletionTracker(t(10)).observe(task('active', ['complete', 'New answer', t(11)]))).toBe(
      'complete',
    );
  });

  it('does not end while the task is not active', () => {
    const tracker = new CompletionTracker(null);
    expect(tracker.observe(task('paused', ['complete', 'Done', t(1)]))).toBeUndefined();
    expect(tracker.observe(task('active', [' working', 'x', t(1)]))).toBeUndefined();
  });
});
