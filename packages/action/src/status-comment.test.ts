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

/** An error as octokit throws it: a status, and a message. */
const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

/**
 * An in-memory GitHubApi: a plain object standing in for the repository, with a log of writes. `fail`
 * queues outcomes for the next calls of a method: a status to throw, `landed` for a write that is carried
 * out and then answered with 502.
 */
function memoryGitHub() {
  const writes: string[] = [];
  const comments = new Map<number, string>();
  const fail: Record<'create' | 'update', Array<number | 'landed'>> = { create: [], update: [] };
  let nextId = 1;
  const github: GitHubApi = {
    addEyesReaction: async () => undefined,
    getPermission: async () => ({}),
    getThread: async () => ({ title: '', body: '', url: '', isPullRequest: false }),
    createComment: async (_n, body) => {
      writes.push(`create:${body}`);
      const outcome = fail.create.shift();
      if (typeof outcome === 'number') throw httpError(outcome);
      const id = nextId++;
      comments.set(id, body);
      if (outcome === 'landed') throw httpError(502);
      return { id, url: `u${id}` };
    },
    updateComment: async (id, body) => {
      writes.push(`update:${id}:${body}`);
      const outcome = fail.update.shift();
      if (typeof outcome === 'number') throw httpError(outcome);
      if (!comments.has(id)) throw httpError(404);
      comments.set(id, body);
      if (outcome === 'landed') throw httpError(502);
      return { id, url: `u${id}` };
    },
    listComments: async () => {
      writes.push('list');
      return [...comments].map(([id, body]) => ({ id, url: `u${id}`, body, author: 'bot' }));
    },
  };
  return { github, writes, comments, fail };
}

const ours = (c: { body: string }) => c.body.startsWith('ours:');

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
    expect(writes).toEqual(['create:a', 'update:1:c']);
    comment.update('d');
    await advance(1_000);
    expect(writes).toEqual(['create:a', 'update:1:c']);
    await comment.finish('final');
    expect(writes).toEqual(['create:a', 'update:1:c', 'update:1:final']);
    await advance(10_000);
    comment.update('late');
    await advance(10_000);
    expect(writes).toEqual(['create:a', 'update:1:c', 'update:1:final']);
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
    const finished: unknown[] = [];
    const comment = new StatusComment(github, 1, clock, {
      onError: (e) => errors.push(e),
      onFinished: (...args) => finished.push(args),
    });
    await comment.post('a');
    expect(await comment.finish('b')).toBe(false);
    expect(errors).toHaveLength(1);
    expect(finished).toEqual([[false, 'b']]);
  });

  it('says that the final write landed once a failed progress edit is followed by a good final one', async () => {
    const { clock, advance } = manualClock();
    const { github, comments, fail } = memoryGitHub();
    const comment = new StatusComment(github, 1, clock, { onError: () => {}, minIntervalMs: 0 });
    await comment.post('a');
    fail.update.push(502);
    comment.update('b');
    await advance(0);
    expect(comments.get(1)).toBe('a');
    expect(await comment.finish('final')).toBe(true);
    expect(comments.get(1)).toBe('final');
  });

  it('adopts the comment a POST answered with 502 had already posted, instead of posting a second one', async () => {
    const { clock } = manualClock();
    const { github, writes, comments, fail } = memoryGitHub();
    const posted: unknown[] = [];
    comments.set(77, 'a comment of someone else');
    fail.create.push('landed');
    const comment = new StatusComment(github, 1, clock, { isOurs: ours, onPosted: (c) => posted.push(c) });
    expect(await comment.post('ours:a')).toEqual({ id: 1, url: 'u1' });
    expect(writes).toEqual(['create:ours:a', 'list']);
    expect([...comments.values()].filter((b) => b.startsWith('ours:'))).toEqual(['ours:a']);
    expect(posted).toEqual([{ id: 1, url: 'u1' }]);
    await comment.finish('ours:done');
    expect(comments.get(1)).toBe('ours:done');
  });

  it('posts again after a 502 when the comment is not on the thread, looking first', async () => {
    const { clock } = manualClock();
    const { github, writes, comments, fail } = memoryGitHub();
    fail.create.push(502);
    const comment = new StatusComment(github, 1, clock, { isOurs: ours });
    expect(await comment.post('ours:a')).toEqual({ id: 1, url: 'u1' });
    expect(writes).toEqual(['create:ours:a', 'list', 'create:ours:a']);
    expect([...comments.values()]).toEqual(['ours:a']);
  });

  it('does not post again after a refusal that cannot have landed, nor without a way to recognise its comment', async () => {
    const { clock } = manualClock();
    const first = memoryGitHub();
    first.fail.create.push(422);
    await expect(new StatusComment(first.github, 1, clock, { isOurs: ours }).post('ours:a')).rejects.toThrow(
      'HTTP 422',
    );
    expect(first.writes).toEqual(['create:ours:a']);
    const second = memoryGitHub();
    second.fail.create.push(502);
    await expect(new StatusComment(second.github, 1, clock).post('ours:a')).rejects.toThrow('HTTP 502');
    expect(second.writes).toEqual(['create:ours:a']);
  });

  it('gives up after three POSTs that all fail, having looked for each on the thread', async () => {
    const { clock } = manualClock();
    const { github, writes, fail } = memoryGitHub();
    fail.create.push(502, 502, 502);
    await expect(new StatusComment(github, 1, clock, { isOurs: ours }).post('ours:a')).rejects.toThrow(
      'HTTP 502',
    );
    expect(writes).toEqual(['create:ours:a', 'list', 'create:ours:a', 'list', 'create:ours:a', 'list']);
  });

  it('adopts the comment when only the third POST landed before its 502', async () => {
    const { clock } = manualClock();
    const { github, writes, comments, fail } = memoryGitHub();
    fail.create.push(502, 502, 'landed');
    const comment = new StatusComment(github, 1, clock, { isOurs: ours });
    expect(await comment.post('ours:a')).toEqual({ id: 1, url: 'u1' });
    expect(writes.at(-1)).toBe('list');
    expect([...comments.values()]).toEqual(['ours:a']);
  });

  it('posts a new comment when someone deleted it, and keeps editing the new one', async () => {
    const { clock, advance } = manualClock();
    const { github, comments } = memoryGitHub();
    const posted: unknown[] = [];
    const errors: unknown[] = [];
    const comment = new StatusComment(github, 1, clock, {
      isOurs: ours,
      minIntervalMs: 0,
      onPosted: (c) => posted.push(c),
      onError: (e) => errors.push(e),
    });
    await comment.post('ours:a');
    comments.delete(1);
    comment.update('ours:b');
    await advance(0);
    expect([...comments]).toEqual([[2, 'ours:b']]);
    expect(await comment.finish('ours:final')).toBe(true);
    expect([...comments]).toEqual([[2, 'ours:final']]);
    expect(posted).toEqual([
      { id: 1, url: 'u1' },
      { id: 2, url: 'u2' },
    ]);
    expect(comment.comment).toEqual({ id: 2, url: 'u2' });
    expect(errors).toEqual([]);
  });
});
