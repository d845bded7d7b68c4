import { describe, expect, it } from 'vitest';
import type { AppStatusRecord, BuildRecord, JobStatus, Transition } from '../world/model';
import { deriveCurrentState, deriveTaskStatus, latestAppStatus, workspaceStatus } from './status';

function build(
  transition: Transition,
  job: JobStatus,
  lifecycle?: string,
  health?: 'initializing' | 'healthy' | 'unhealthy' | 'disabled' | null,
  createdAt = 1000,
): BuildRecord {
  return {
    id: 'b',
    number: 1,
    transition,
    reason: 'initiator',
    createdAt,
    updatedAt: createdAt,
    initiatorId: 'u',
    templateVersionId: 'v',
    presetId: undefined,
    job: { id: 'j', status: job, error: undefined, createdAt },
    agent: lifecycle === undefined ? null : { id: 'a', token: 't', lifecycle, createdAt },
    app: health == null ? null : { id: 'p', slug: 'ai', health },
  };
}

function appStatus(createdAt: number, state: AppStatusRecord['state'] = 'complete'): AppStatusRecord {
  return { id: `s${createdAt}`, createdAt, state, message: 'all done', uri: '', appId: 'p', agentId: 'a' };
}

describe('deriveTaskStatus (the tasks_with_status view)', () => {
  it.each([
    ['no workspace', false, undefined, 'pending'],
    ['no build', true, undefined, 'pending'],
    ['start job pending', true, build('start', 'pending'), 'pending'],
    ['start job running, agent NULL', true, build('start', 'running'), 'initializing'],
    [
      'start succeeded, agent created',
      true,
      build('start', 'succeeded', 'created', 'initializing'),
      'initializing',
    ],
    ['agent starting', true, build('start', 'succeeded', 'starting', 'initializing'), 'initializing'],
    [
      'agent ready, app initializing',
      true,
      build('start', 'succeeded', 'ready', 'initializing'),
      'initializing',
    ],
    ['agent ready, app healthy', true, build('start', 'succeeded', 'ready', 'healthy'), 'active'],
    ['app disabled', true, build('start', 'succeeded', 'ready', 'disabled'), 'active'],
    ['app unhealthy', true, build('start', 'succeeded', 'ready', 'unhealthy'), 'error'],
    ['no app linked', true, build('start', 'succeeded', 'ready', null), 'unknown'],
    ['agent start_error', true, build('start', 'succeeded', 'start_error', 'healthy'), 'active'],
    ['agent start_timeout', true, build('start', 'succeeded', 'start_timeout', 'healthy'), 'active'],
    ['agent shutting_down', true, build('start', 'succeeded', 'shutting_down', 'healthy'), 'unknown'],
    ['agent off', true, build('start', 'succeeded', 'off', 'healthy'), 'unknown'],
    ['start job failed', true, build('start', 'failed'), 'error'],
    ['job canceling', true, build('start', 'canceling'), 'error'],
    ['job canceled', true, build('stop', 'canceled'), 'error'],
    ['stop pending', true, build('stop', 'pending'), 'unknown'],
    ['stop running', true, build('stop', 'running'), 'unknown'],
    ['stop succeeded', true, build('stop', 'succeeded'), 'paused'],
    ['delete running', true, build('delete', 'running'), 'unknown'],
    ['delete succeeded', true, build('delete', 'succeeded'), 'paused'],
  ] as const)('%s → %s', (_name, hasWorkspace, latest, expected) => {
    expect(deriveTaskStatus(hasWorkspace, latest)).toBe(expected);
  });
});

describe('workspaceStatus', () => {
  it.each([
    [build('start', 'pending'), 'pending'],
    [build('start', 'running'), 'starting'],
    [build('start', 'succeeded'), 'running'],
    [build('stop', 'running'), 'stopping'],
    [build('stop', 'succeeded'), 'stopped'],
    [build('delete', 'running'), 'deleting'],
    [build('delete', 'succeeded'), 'deleted'],
    [build('start', 'failed'), 'failed'],
    [build('start', 'canceling'), 'canceling'],
    [build('start', 'canceled'), 'canceled'],
  ])('%# → %s', (b, expected) => {
    expect(workspaceStatus(b)).toBe(expected);
  });
});

describe('deriveCurrentState (deriveTaskCurrentState in coderd/aitasks.go)', () => {
  it('is null with no app status and a task that is not initializing', () => {
    expect(
      deriveCurrentState('active', build('start', 'succeeded', 'ready', 'healthy'), undefined),
    ).toBeNull();
  });

  it('uses an app status newer than the start build, mapping failure to failed', () => {
    const state = deriveCurrentState(
      'active',
      build('start', 'succeeded', 'ready', 'healthy', 1000),
      appStatus(2000, 'failure'),
    );
    expect(state).toEqual({ timestamp: 2000, state: 'failed', message: 'all done', uri: '' });
  });

  it('ignores an app status older than the start build', () => {
    expect(
      deriveCurrentState('active', build('start', 'succeeded', 'ready', 'healthy', 3000), appStatus(2000)),
    ).toBeNull();
  });

  it('keeps an old app status across a stop build', () => {
    const state = deriveCurrentState(
      'paused',
      build('stop', 'succeeded', undefined, null, 3000),
      appStatus(2000),
    );
    expect(state?.state).toBe('complete');
    expect(state?.message).toBe('all done');
  });

  it.each([
    [build('start', 'pending'), 'Workspace is pending'],
    [build('start', 'running'), 'Workspace is starting'],
    [build('start', 'succeeded'), 'Initializing workspace'],
    [build('start', 'succeeded', 'created', 'initializing'), 'Agent is connecting'],
    [build('start', 'succeeded', 'starting', 'initializing'), 'Agent is starting'],
    [build('start', 'succeeded', 'ready', 'initializing'), 'App is initializing'],
    [build('start', 'succeeded', 'ready', 'healthy'), 'Initializing workspace applications'],
    [build('start', 'succeeded', 'shutdown_error', 'initializing'), 'Initializing workspace agent'],
  ])('synthesizes working while initializing: %# → %s', (b, message) => {
    expect(deriveCurrentState('initializing', b, appStatus(10))).toEqual({
      timestamp: b.createdAt,
      state: 'working',
      message,
      uri: '',
    });
  });

  it('picks the newest app status of the workspace', () => {
    expect(latestAppStatus([appStatus(1), appStatus(3, 'idle'), appStatus(2)])?.state).toBe('idle');
  });
});
