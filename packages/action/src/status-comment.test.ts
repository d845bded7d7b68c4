import { describe, expect, it } from 'vitest';
import type { Clock } from './clock';
import type { GitHubApi } from './github-api';
import { StatusComment } from './status-comment';

/** A clock whose sleeps end only when the test advances it. */
function manualClock() {
  let now = 0;
  const sleepers: Array<{ at: number; resolve: () => void }> = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        sleepers.push({ at: now + ms, resolve });
        signal?.addEventListener('abort', () => reject(signal.reason));
      }),
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const s of sleepers.filter((x) => x.at <= now)) {
      sleepers.splice(sleepers.indexOf(s), 1);
      s.resolve();
    }
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return { clock, advance };
}

/** An in-memory GitHubApi: a plain object standing in for the repository, with a log of writes. */
function memoryGitHub() {
  const writes: string[] = [];
  const github: GitHubApi = {
    addEyesReaction: async () => {},
    getPermission: async () => ({}),
    getThread: async () => ({ title: '', body: '', url: '', isPullRequest: false }),
    createComment: async (_n, body) => {
      writes.push(`create:${body}`);
      return { id: 1, url: 'u' };
    },
    updateComment: async (id, body) => {
      writes.push(`update:${body}`);
      return { id, url: 'u' };
    },
  };
  return { github, writes };
}

describe('StatusComment', () => {
  it('edits at most once per interval, keeps only the latest pending body, and finishes at once', async () => {
    const { clock, advance } = manualClock();
    const { github, writes } = memoryGitHub();
    const comment = new StatusComment(github, 1, clock, { minIntervalMs: 3_000 });
    await comment.post('a');
    comment.update('b');
    comment.update('c');
    await advance(2_999);
    expect(writes).toEqual(['create:a']);
    await advance(1);
    expect(writes).toEqual(['create:a', 'update:c']);
    comment.update('d');
    await advance(1_000);
    expect(writes).toEqual(['create:a', 'update:c']);
    await comment.finish('final');
    expect(writes).toEqual(['create:a', 'update:c', 'update:final']);
    await advance(10_000);
    comment.update('late');
    await advance(10_000);
    expect(writes).toEqual(['create:a', 'update:c', 'update:final']);
  });

  it('cancels its scheduled edit when it finishes, leaving no timer behind', async () => {
    const { clock } = manualClock();
    const { github } = memoryGitHub();
    const signals: AbortSignal[] = [];
    const watching: Clock = {
      now: clock.now,
      sleep: (ms, signal) => {
        if (signal) signals.push(signal);
        return clock.sleep(ms, signal);
      },
    };
    const comment = new StatusComment(github, 1, watching);
    await comment.post('a');
    comment.update('b');
    expect(signals.map((s) => s.aborted)).toEqual([false]);
    await comment.finish('c');
    expect(signals.map((s) => s.aborted)).toEqual([true]);
  });

  it('reports a failed edit without throwing', async () => {
    const { clock } = manualClock();
    const { github } = memoryGitHub();
    const errors: unknown[] = [];
    github.updateComment = async () => {
      throw new Error('boom');
    };
    const comment = new StatusComment(github, 1, clock, { onError: (e) => errors.push(e) });
    await comment.post('a');
    await comment.finish('b');
    expect(errors).toHaveLength(1);
  });
});
