import { describe, expect, it } from 'vitest';
import { state, taskFixture } from '../test/task-fixture';
import {
  agentState,
  describeWaitUntil,
  isSynthesizedState,
  isWaitSatisfied,
  SYNTHESIZED_STATE_MESSAGES,
  taskChangeKey,
  type WaitUntil,
} from './task-conditions';

const t = (status: string, current: ReturnType<typeof state> | null) =>
  taskFixture({ status, current_state: current });

describe('isSynthesizedState / agentState', () => {
  it.each([
    [
      'initializing, synthesized message',
      t('initializing', state('working', 'Agent is connecting')),
      true,
      null,
    ],
    [
      'initializing, every synthesized message',
      t('initializing', state('working', 'Initializing workspace')),
      true,
      null,
    ],
    [
      'initializing, a real agent report',
      t('initializing', state('working', 'Reading the code')),
      false,
      'working',
    ],
    [
      'initializing, synthesized text but with a uri',
      t('initializing', state('working', 'Agent is starting', 'http://x')),
      false,
      'working',
    ],
    [
      'active, same text (an agent may say anything)',
      t('active', state('working', 'Agent is starting')),
      false,
      'working',
    ],
    ['no state', t('initializing', null), false, null],
    ['active idle', t('active', state('idle')), false, 'idle'],
  ])('%s', (_name, task, synthesized, agent) => {
    expect(isSynthesizedState(task)).toBe(synthesized);
    expect(agentState(task)).toBe(agent);
  });

  it('knows all eight messages coderd synthesizes', () => {
    expect(SYNTHESIZED_STATE_MESSAGES.size).toBe(8);
  });
});

describe('isWaitSatisfied', () => {
  const cases: [string, ReturnType<typeof t>, Record<'active' | 'complete' | 'idle', boolean>][] = [
    ['pending', t('pending', null), { active: false, complete: false, idle: false }],
    [
      'initializing, synthesized working',
      t('initializing', state('working', 'Workspace is starting')),
      { active: false, complete: false, idle: false },
    ],
    ['active, no report yet', t('active', null), { active: true, complete: false, idle: false }],
    ['active, working', t('active', state('working')), { active: true, complete: false, idle: false }],
    ['active, idle', t('active', state('idle')), { active: true, complete: false, idle: true }],
    ['active, complete', t('active', state('complete')), { active: true, complete: true, idle: true }],
    ['active, failed', t('active', state('failed')), { active: true, complete: true, idle: true }],
    [
      'active, failure from an old server',
      t('active', state('failure')),
      { active: true, complete: true, idle: true },
    ],
    [
      'paused after completing',
      t('paused', state('complete')),
      { active: false, complete: true, idle: false },
    ],
    ['unknown status, idle', t('unknown', state('idle')), { active: false, complete: false, idle: false }],
    [
      'active, a state from a newer server',
      t('active', state('thinking')),
      { active: true, complete: false, idle: false },
    ],
  ];
  for (const [name, task, expected] of cases) {
    it.each(Object.entries(expected))(`${name}: %s → %s`, (until, result) => {
      expect(isWaitSatisfied(task, until as WaitUntil)).toBe(result);
    });
  }

  it('asks a predicate', () => {
    expect(isWaitSatisfied(t('paused', null), (task) => task.status === 'paused')).toBe(true);
    expect(isWaitSatisfied(t('active', null), (task) => task.status === 'paused')).toBe(false);
  });
});

describe('describeWaitUntil', () => {
  it.each([
    ['active', 'active'],
    ['complete', 'complete (the agent reporting complete or failed)'],
    ['idle', 'idle (active, with the agent idle, complete or failed)'],
  ] as const)('%s', (until, text) => {
    expect(describeWaitUntil(until)).toBe(text);
  });
  it('describes a predicate', () => {
    expect(describeWaitUntil(() => true)).toBe('a state the predicate accepts');
  });
});

describe('taskChangeKey', () => {
  const base = t('active', state('working', 'a'));
  it.each([
    ['status', { status: 'paused' }],
    ['workspace status', { workspace_status: 'stopping' }],
    ['agent lifecycle', { workspace_agent_lifecycle: 'shutting_down' }],
    ['agent health', { workspace_agent_health: { healthy: false, reason: 'x' } }],
    ['agent state', { current_state: state('idle', 'a') }],
    ['agent message', { current_state: state('working', 'b') }],
    ['report time', { current_state: { ...state('working', 'a'), timestamp: '2025-08-26T12:36:00Z' } }],
  ])('changes with the %s', (_name, patch) => {
    expect(taskChangeKey(taskFixture({ ...base, ...patch }))).not.toBe(taskChangeKey(base));
  });
  it('ignores updated_at', () => {
    expect(taskChangeKey(taskFixture({ ...base, updated_at: '2030-01-01T00:00:00Z' }))).toBe(
      taskChangeKey(base),
    );
  });
});
