import { CoderApiError, type CoderClient, TaskPausedError } from '@coder-tasks/sdk';
import type { Task } from '@coder-tasks/types';
import type { Clock } from './clock';
import type { Trigger } from './event';
import { oneLine } from './markdown';
import { type ActionInputs, parseCoderUser } from './parse-inputs';

/** Where the task goes and what it is made from. */
export interface TaskTarget {
  /** Owner for task routes: a username, or `me`. */
  owner: string;
  templateVersionId: string;
  presetId: string | undefined;
}

/**
 * Resolves the owner, template version and preset through the SDK. The organization defaults to the
 * token user's only one; with several, the workflow must say which.
 */
export async function resolveTarget(
  coder: CoderClient,
  inputs: ActionInputs,
  actor: Trigger['actor'],
  signal?: AbortSignal,
): Promise<TaskTarget> {
  let owner = inputs.coderUser;
  if (inputs.mapGithubUser) {
    if (actor.id === undefined)
      throw new Error('map-github-user: the event names no GitHub user id to look up.');
    owner = (await coder.findUserByGitHubId(actor.id, { signal })).username;
    // The server's answer becomes a path segment: checked as the input would be.
    if (parseCoderUser(owner) === undefined)
      throw new Error(
        `map-github-user: Coder answered with ${JSON.stringify(oneLine(owner, 64))}, which is not a username.`,
      );
  }
  let templateVersionId = inputs.templateVersionId;
  if (templateVersionId === undefined) {
    const organization = inputs.organization ?? (await onlyOrganization(coder, signal));
    const version = await coder.resolveTemplateVersion(
      { organization, template: inputs.template ?? '', version: inputs.templateVersion },
      { signal },
    );
    templateVersionId = version.id;
  }
  let presetId = inputs.presetId;
  if (presetId === undefined && inputs.preset !== undefined) {
    presetId = (await coder.resolvePreset(templateVersionId, inputs.preset, { signal }))?.ID;
  }
  return { owner, templateVersionId, presetId };
}

async function onlyOrganization(coder: CoderClient, signal?: AbortSignal): Promise<string> {
  const me = await coder.me({ signal });
  if (me.organization_ids.length === 1) {
    return (await coder.getOrganization(me.organization_ids[0] ?? '', { signal })).name;
  }
  throw new Error(
    `Input "organization": the Coder user ${me.username} belongs to ${me.organization_ids.length} organizations; set "organization" to the one that holds the template.`,
  );
}

/** The task the run works with, and what the completion check needs to know about it. */
export interface StartedTask {
  task: Task;
  /** True when this run created it; false when the request went to the thread's existing task. */
  created: boolean;
  /** `current_state.timestamp` when the request was sent to an existing task; null for a new one. */
  baseline: string | null;
}

/** Options of {@link startTask}. */
export interface StartOptions {
  clock: Clock;
  /** When to give up getting the request to an existing task (epoch ms). */
  deadline: number;
  pollIntervalMs: number;
  signal?: AbortSignal | undefined;
  onChange?: ((task: Task) => void) | undefined;
}

/**
 * Creates the thread's task, or, when it exists, sends the request to it: resumed first if paused, then
 * sent once the agent accepts input (the send route answers 409 until the task is active and its agent
 * stable, so a 409 means "try again shortly", until the deadline).
 */
export async function startTask(
  coder: CoderClient,
  target: TaskTarget,
  request: { name: string; displayName: string; input: string },
  options: StartOptions,
): Promise<StartedTask> {
  const existing = await findTask(coder, target.owner, request.name, options.signal);
  if (existing === undefined) {
    const task = await coder.createTask(
      target.owner,
      {
        template_version_id: target.templateVersionId,
        template_version_preset_id: target.presetId,
        input: request.input,
        name: request.name,
        display_name: request.displayName,
      },
      { signal: options.signal },
    );
    return { task, created: true, baseline: null };
  }
  let task = existing;
  options.onChange?.(task);
  if (task.status === 'error') {
    throw new Error(
      `The task ${task.name} for this thread is in error and cannot take input; delete it in Coder and ask again to start a new one.`,
    );
  }
  for (let resumes = 0; ; ) {
    if (task.status === 'paused' && resumes++ < 2) {
      await coder.resumeTask(task.owner_name, task.id, { signal: options.signal });
    }
    try {
      task = await coder.waitForTask(task.status === 'paused' ? task.id : task, {
        until: (t) => t.status === 'active',
        timeout: Math.max(1, options.deadline - options.clock.now()),
        pollInterval: options.pollIntervalMs,
        signal: options.signal,
        onChange: options.onChange,
      });
    } catch (error) {
      if (error instanceof TaskPausedError && resumes < 2) {
        task = error.task;
        continue;
      }
      throw error;
    }
    const baseline = task.current_state?.timestamp ?? null;
    try {
      await coder.sendTaskInput(task.owner_name, task.id, request.input, { signal: options.signal });
      return { task, created: false, baseline };
    } catch (error) {
      if (
        !(error instanceof CoderApiError && error.status === 409) ||
        options.clock.now() >= options.deadline
      )
        throw error;
    }
    await options.clock.sleep(Math.min(options.pollIntervalMs, 2_000), options.signal);
    task = await coder.getTask(task.id, { signal: options.signal });
  }
}

async function findTask(
  coder: CoderClient,
  owner: string,
  name: string,
  signal?: AbortSignal,
): Promise<Task | undefined> {
  try {
    return await coder.getTaskByOwnerAndName(owner, name, { signal });
  } catch (error) {
    if (error instanceof CoderApiError && error.status === 404) return undefined;
    throw error;
  }
}
