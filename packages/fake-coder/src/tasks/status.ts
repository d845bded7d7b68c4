import type { AppStatusRecord, BuildRecord } from '../world/model';

// Pure derivations of `Task.status` and `Task.current_state`, mirroring the `tasks_with_status` SQL view and
// `deriveTaskCurrentState` in coderd/aitasks.go. Kept free of I/O so the table can be tested directly.

/** `Task.status` values as the view computes them. */
export type DerivedTaskStatus = 'pending' | 'initializing' | 'active' | 'paused' | 'unknown' | 'error';

/** The view's `build_status` column. */
export function buildStatus(build: BuildRecord | undefined): DerivedTaskStatus {
  if (!build) return 'pending';
  const job = build.job.status;
  if (job === 'failed' || job === 'canceling' || job === 'canceled') return 'error';
  if ((build.transition === 'stop' || build.transition === 'delete') && job === 'succeeded') return 'paused';
  if (build.transition === 'start' && job === 'pending') return 'pending';
  if (build.transition === 'start' && (job === 'running' || job === 'succeeded')) return 'active';
  return 'unknown';
}

/** The view's `agent_status` column. */
export function agentStatus(lifecycle: string | null | undefined): DerivedTaskStatus {
  if (lifecycle == null || lifecycle === 'created' || lifecycle === 'starting') return 'initializing';
  if (lifecycle === 'ready' || lifecycle === 'start_timeout' || lifecycle === 'start_error') return 'active';
  return 'unknown';
}

/** The view's `app_status` column. */
export function appHealthStatus(health: string | null | undefined): DerivedTaskStatus {
  if (health === 'initializing') return 'initializing';
  if (health === 'unhealthy') return 'error';
  if (health === 'healthy' || health === 'disabled') return 'active';
  return 'unknown';
}

/** `Task.status` from the task's workspace and its latest build (the `tasks_with_status` view). */
export function deriveTaskStatus(hasWorkspace: boolean, latest: BuildRecord | undefined): DerivedTaskStatus {
  if (!hasWorkspace) return 'pending';
  const build = buildStatus(latest);
  if (build !== 'active') return build;
  const agent = agentStatus(latest?.agent?.lifecycle);
  if (agent !== 'active') return agent;
  return appHealthStatus(latest?.app?.health);
}

/** `WorkspaceStatus` of a build, from its job status and transition. */
export function workspaceStatus(build: BuildRecord): string {
  switch (build.job.status) {
    case 'pending':
      return 'pending';
    case 'running':
      return build.transition === 'start'
        ? 'starting'
        : build.transition === 'stop'
          ? 'stopping'
          : 'deleting';
    case 'succeeded':
      return build.transition === 'start' ? 'running' : build.transition === 'stop' ? 'stopped' : 'deleted';
    case 'failed':
      return 'failed';
    case 'canceling':
      return 'canceling';
    case 'canceled':
      return 'canceled';
  }
}

/** The app-level state as a task state: `failure` is sent as `failed` (coderd since 2026-03-07). */
export function appStateToTaskState(state: string): string {
  return state === 'failure' ? 'failed' : state;
}

/** A `TaskStateEntry` before its timestamp is formatted. */
export interface CurrentState {
  timestamp: number;
  state: string;
  message: string;
  uri: string;
}

/** The message the server synthesizes for an initializing task with no usable app status. */
export function initializingMessage(latest: BuildRecord | undefined): string {
  if (!latest) return 'Initializing workspace';
  if (latest.job.status === 'pending') return 'Workspace is pending';
  if (latest.job.status === 'running') return 'Workspace is starting';
  const lifecycle = latest.agent?.lifecycle;
  if (lifecycle === undefined) return 'Initializing workspace';
  if (lifecycle === 'created') return 'Agent is connecting';
  if (lifecycle === 'starting') return 'Agent is starting';
  if (lifecycle === 'ready') {
    return latest.app?.health === 'initializing'
      ? 'App is initializing'
      : 'Initializing workspace applications';
  }
  return 'Initializing workspace agent';
}

/**
 * `Task.current_state` (`deriveTaskCurrentState`): the workspace's latest app status unless the latest build is a
 * start and the status is not newer than it (stale); else a synthesized `working` entry while initializing; else null.
 */
export function deriveCurrentState(
  status: DerivedTaskStatus,
  latest: BuildRecord | undefined,
  latestAppStatus: AppStatusRecord | undefined,
): CurrentState | null {
  // coderd keeps the status unless the build is a start and the status is not strictly after it.
  const stale =
    latestAppStatus !== undefined &&
    latest !== undefined &&
    latest.transition === 'start' &&
    !(latestAppStatus.createdAt > latest.createdAt);
  if (latestAppStatus && !stale) {
    return {
      timestamp: latestAppStatus.createdAt,
      state: appStateToTaskState(latestAppStatus.state),
      message: latestAppStatus.message,
      uri: latestAppStatus.uri,
    };
  }
  if (status === 'initializing') {
    return {
      timestamp: latest?.createdAt ?? 0,
      state: 'working',
      message: initializingMessage(latest),
      uri: '',
    };
  }
  return null;
}

/** The most recent app status of a workspace (any app), as `DISTINCT ON … ORDER BY created_at DESC, id DESC`. */
export function latestAppStatus(statuses: readonly AppStatusRecord[]): AppStatusRecord | undefined {
  let best: AppStatusRecord | undefined;
  for (const s of statuses) {
    if (!best || s.createdAt > best.createdAt || (s.createdAt === best.createdAt && s.id > best.id)) best = s;
  }
  return best;
}
