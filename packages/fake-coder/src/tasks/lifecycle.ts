import type { AgentScript } from '../world/agent-script';
import { newId } from '../world/ids';
import type { BuildRecord, Transition, WorkspaceRecord } from '../world/model';
import type { World } from '../world/world';
import { startAgent, stopAgent } from './agent-runner';

// How a workspace build plays out over the fake clock. Each phase is its own clock callback, so with the
// manual clock every phase is observable; each callback first checks that its build is still the latest
// (a later build supersedes the earlier one's remaining phases, as a new agent replaces the old).

/** A build in progress blocks another one (wsbuilder.checkRunningBuild). */
export function hasActiveJob(ws: WorkspaceRecord): boolean {
  const status = ws.builds.at(-1)?.job.status;
  return status === 'pending' || status === 'running' || status === 'canceling';
}

/** Queues a build and starts its simulation; returns the build as the 202 body shows it (pending). */
export function queueBuild(
  world: World,
  ws: WorkspaceRecord,
  transition: Transition,
  reason: string,
  initiatorId: string,
  agentFallback: AgentScript | undefined,
  pin: { templateVersionId?: string; presetId?: string } = {},
): BuildRecord {
  const previous = ws.builds.at(-1);
  const now = world.stamp();
  const build: BuildRecord = {
    id: newId(),
    number: (previous?.number ?? 0) + 1,
    transition,
    reason,
    createdAt: now,
    updatedAt: now,
    initiatorId,
    templateVersionId: pin.templateVersionId ?? previous?.templateVersionId ?? '',
    presetId: pin.presetId ?? previous?.presetId,
    job: { id: newId(), status: 'pending', error: undefined, createdAt: now },
    agent: null,
    app: null,
  };
  // A failure queued with control.failNextBuild belongs to the next build queued, not the next to finish.
  const failure = world.takeBuildFailure(transition);
  ws.builds.push(build);
  world.changed(ws);
  const task = ws.taskId ? world.tasks.get(ws.taskId) : undefined;
  const d = world.durations;
  // `after` runs once the phase's change is published, so watchers see the app turn healthy before the
  // agent's first report.
  const step = (ms: number, fn: () => void, after?: () => void): void => {
    world.clock.schedule(ms, () => {
      if (ws.builds.at(-1) !== build) return;
      fn();
      build.updatedAt = world.stamp();
      world.changed(ws);
      after?.();
    });
  };

  const finishJob = (then: () => void): void => {
    build.job.completedAt = world.stamp();
    if (failure) {
      build.job.status = 'failed';
      build.job.error = failure.error;
      return;
    }
    build.job.status = 'succeeded';
    then();
  };

  step(d.buildPending, () => {
    build.job.status = 'running';
    build.job.startedAt = world.stamp();
    if (transition === 'start') {
      step(d.buildRunning, () =>
        finishJob(() => {
          const version = world.versions.get(build.templateVersionId);
          build.agent = { id: newId(), token: newId(), lifecycle: 'created', createdAt: world.stamp() };
          build.app =
            version?.hasTaskApp === false ? null : { id: newId(), slug: 'ai', health: 'initializing' };
          step(d.agentConnecting, () => {
            if (build.agent) build.agent.lifecycle = 'starting';
            step(d.agentStarting, () => {
              if (build.agent) build.agent.lifecycle = 'ready';
              if (!build.app) return;
              step(
                d.appInitializing,
                () => {
                  if (build.app) build.app.health = 'healthy';
                },
                () => {
                  if (task && task.deletedAt === null) startAgent(world, task, ws, agentFallback);
                },
              );
            });
          });
        }),
      );
      return;
    }
    // The agent shuts down as the stop or delete job runs; that is when it uploads the log snapshot.
    const startBuild = ws.builds.findLast((b) => b.transition === 'start' && b.agent);
    if (startBuild?.agent) startBuild.agent.lifecycle = 'shutting_down';
    if (task) {
      if (task.deletedAt === null && task.agent.messages.length > 0) {
        task.snapshot = { at: world.stamp(), messages: task.agent.messages.map((m) => ({ ...m })) };
      }
      stopAgent(task);
    }
    step(transition === 'stop' ? d.stopBuild : d.deleteBuild, () =>
      finishJob(() => {
        if (startBuild?.agent) startBuild.agent.lifecycle = 'off';
        if (transition === 'delete') {
          ws.deleted = true;
          ws.updatedAt = world.stamp();
          // Deleting the workspace directly deletes its task too: a GET of the task answers 404 afterwards.
          if (task && task.deletedAt === null) {
            task.deletedAt = world.stamp();
            task.snapshot = null;
          }
        }
      }),
    );
  });
  return build;
}
