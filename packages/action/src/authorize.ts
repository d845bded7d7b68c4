import type { Trigger } from './event';
import { type GitHubApi, statusOf } from './github-api';
import { isAllowedBot } from './parse-inputs';
import { effectiveRole, hasPermission, type PermissionLevel } from './permission';

/**
 * Whether the person behind the event may start work, and why not. `checkFailed`: GitHub could not
 * answer (after the client's retries), so the request is refused without knowing whether it should be.
 */
export type Authorization =
  | { allowed: true; role: string }
  | { allowed: false; reason: string; checkFailed?: true };

/**
 * Checks the actor's role on the repository against `min-permission`. Fails closed: an API error, an
 * unknown role or a missing answer all mean "not allowed"; an API error also says `checkFailed`. Bots listed in `allowed-bots` pass without the
 * check, since GitHub Apps have no collaborator role to ask about.
 */
export async function authorize(
  github: GitHubApi,
  actor: Trigger['actor'],
  options: { minPermission: PermissionLevel; allowedBots: readonly string[] },
): Promise<Authorization> {
  if (actor.isBot) {
    return isAllowedBot(actor.login, options.allowedBots)
      ? { allowed: true, role: 'allowed bot' }
      : { allowed: false, reason: `${actor.login} is a bot not listed in allowed-bots.` };
  }
  if (actor.login === '') return { allowed: false, reason: 'the event names no user.' };
  let role: PermissionLevel | undefined;
  try {
    role = effectiveRole(await github.getPermission(actor.login));
  } catch (error) {
    const status = statusOf(error);
    // GitHub answers 404 for a login that is no user: a refusal like any other.
    if (status === 404) return { allowed: false, reason: `${actor.login} is not a user GitHub knows.` };
    return {
      allowed: false,
      checkFailed: true,
      reason: `the permission check could not be made: GitHub did not answer for ${actor.login}'s permission on the repository (${status === undefined ? 'request failed' : `HTTP ${status}`}), so the request is refused.`,
    };
  }
  if (!hasPermission(role, options.minPermission)) {
    return {
      allowed: false,
      reason: `${actor.login} has ${role ?? 'no'} access; min-permission is ${options.minPermission}.`,
    };
  }
  return { allowed: true, role: role ?? 'unknown' };
}
