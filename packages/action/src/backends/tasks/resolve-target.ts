import type { CoderClient } from '@coder-tasks/sdk';
import type { Trigger } from '../../event';
import { parseCoderUser } from '../../input-fields';
import { oneLine } from '../../markdown';
import type { ActionInputs } from '../../parse-inputs';

/** Where the task goes and what it is made from. */
export interface TaskTarget {
  /** Owner for task routes: a username, or `me`. */
  owner: string;
  templateVersionId: string;
  presetId: string | undefined;
}

/** The lookups {@link resolveTarget} makes. */
export type TargetClient = Pick<
  CoderClient,
  'findUserByGitHubId' | 'resolveTemplateVersion' | 'resolvePreset' | 'me' | 'getOrganization'
>;

/**
 * Resolves the owner, template version and preset through the SDK. The organization defaults to the
 * token user's only one; with several, the workflow must say which.
 */
export async function resolveTarget(
  coder: TargetClient,
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

async function onlyOrganization(coder: TargetClient, signal?: AbortSignal): Promise<string> {
  const me = await coder.me({ signal });
  if (me.organization_ids.length === 1) {
    return (await coder.getOrganization(me.organization_ids[0] ?? '', { signal })).name;
  }
  throw new Error(
    `Input "organization": the Coder user ${me.username} belongs to ${me.organization_ids.length} organizations; set "organization" to the one that holds the template.`,
  );
}
