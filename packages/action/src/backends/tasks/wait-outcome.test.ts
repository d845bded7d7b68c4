import { TaskFailedError, TaskPausedError } from '@coder-tasks/sdk';
import { describe, expect, it } from 'vitest';
import { logsEndingWith, reporting, scriptedTaskClient, task } from '../../../test/scripted-task-client';
import { steppingClock } from '../../../test/stepping-clock';
import type { WaitFor } from '../../parse-inputs';
import type { StartedTask } from './start-task';
import { waitForOutcome } from './wait-outcome';

function setup(waitFor: WaitFor, started: StartedTask, deadlineIn = 600_000) {
  const coder = scriptedTaskClient();
  const time = steppingClock();
  const seen: string[] = [];
  const wait = () =>
    waitForOutcome(coder.client, started, {
      waitFor,
      clock: time.clock,
      deadline: time.clock.now() + deadlineIn,
      pollIntervalMs: 5_000,
      settleMs: 3_000,
      onChange: (t) => seen.push(t.current_state?.state ?? t.status),
    });
  return { coder, time, seen, wait };
}
const fresh: StartedTask = { task: task({ status: 'pending' }), created: true, baseline: null };

describe('waitForOutcome', () => {
  it('with wait-for none, reports the request as submitted without reading anything', async () => {
    const { coder, wait } = setup('none', fresh);
    expect(await wait()).toEqual({ kind: 'submitted', task: fresh.task });
    expect(coder.calls).toEqual([]);
  });

  it('with wait-for active, ends once the task is active', async () => {
    const { coder, wait } = setup('active', fresh);
    coder.on('wait', [task({ status: 'initializing' }), task({ status: 'active' })]);
    expect((await wait()).kind).toBe('active');
  });

  it('ends at once on the agent’s complete or failed report, with its message as the reason', async () => {
    const done = setup('complete', fresh);
    done.coder.on('wait', [reporting('working', 1), reporting('complete', 2, 'Done')]);
    expect((await done.wait()).kind).toBe('complete');
    expect(done.seen).toEqual(['working', 'complete']);
    const failed = setup('complete', fresh);
    failed.coder.on('wait', [reporting('working', 1), reporting('failed', 2, 'No tests')]);
    expect(await failed.wait()).toMatchObject({
      kind: 'failed',
      reason: 'The agent reported failure: No tests',
    });
  });

  it('counts idle after work as done only when it holds for the settle time', async () => {
    const { coder, time, wait } = setup('complete', fresh);
    coder.on('wait', [reporting('working', 1), reporting('idle', 2)], [reporting('idle', 6)]);
    // The first idle was a pause between steps: the agent worked again and went idle later.
    coder.on('get', reporting('working', 4), reporting('idle', 6));
    const outcome = await wait();
    expect(outcome).toMatchObject({ kind: 'complete', task: { current_state: { state: 'idle' } } });
    expect(time.sleeps).toEqual([3_000, 3_000]);
    expect(coder.calls).toEqual([
      'wait',
      'get 11111111-1111-4111-8111-111111111111',
      'wait',
      'get 11111111-1111-4111-8111-111111111111',
    ]);
  });

  it('an idle with no work seen is done only once the logs end with the agent’s answer', async () => {
    const { coder, time, wait } = setup('complete', fresh);
    coder.on('wait', [reporting('idle', 1)], [reporting('idle', 1)]);
    coder.on('logs', logsEndingWith('input'), logsEndingWith('output'));
    coder.on('get', reporting('idle', 1));
    expect((await wait()).kind).toBe('complete');
    // One poll interval before looking again, then the settle time.
    expect(time.sleeps).toEqual([5_000, 3_000]);
  });

  it('ignores reports older than the request sent to an existing task', async () => {
    const old = reporting('complete', 5, 'the previous answer');
    const { coder, wait } = setup('complete', {
      task: old,
      created: false,
      baseline: '2026-11-29T10:00:05Z',
    });
    coder.on('wait', [old, reporting('working', 7), reporting('complete', 9, 'this answer')]);
    expect(await wait()).toMatchObject({
      kind: 'complete',
      task: { current_state: { message: 'this answer' } },
    });
  });

  it('times out when the deadline passes while the agent has not answered', async () => {
    const { coder, wait } = setup('complete', fresh, 4_000);
    coder.on('wait', [reporting('idle', 1)]);
    coder.on('logs', logsEndingWith('input'));
    expect((await wait()).kind).toBe('timed-out');
  });

  it('turns the SDK’s timeout, pause and failure errors into outcomes, and throws anything else', async () => {
    const timedOut = setup('complete', fresh);
    timedOut.coder.on('wait', [reporting('working', 1)]);
    expect((await timedOut.wait()).kind).toBe('timed-out');
    const paused = setup('complete', fresh);
    paused.coder.on('wait', new TaskPausedError(task({ status: 'paused' })));
    expect((await paused.wait()).kind).toBe('paused');
    const failed = setup('complete', fresh);
    failed.coder.on('wait', new TaskFailedError(task({ status: 'error' }), 'terraform apply failed'));
    expect(await failed.wait()).toMatchObject({
      kind: 'failed',
      reason: "The task's workspace failed (status error): terraform apply failed",
    });
    const broken = setup('complete', fresh);
    broken.coder.on('wait', new Error('socket hang up'));
    await expect(broken.wait()).rejects.toThrow('socket hang up');
  });
});
