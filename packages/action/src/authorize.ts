import type { Trigger } from './event';
import type { GitHubApi } from './github-api';
import { isAllowedBot } from './parse-inputs';
import { effectiveRole, hasPermission, type PermissionLevel } from './permission';

/** Whether the person behind the event may start work, and why not. */
export type Authorization = { allowed: true; role: string } | { allowed: false; reason: string };

/**
 * Checks the actor's role on the repository against `min-permission`. Fails closed: an API error, an
 * unknown role or a missing answer all mean "not allowed". Bots listed in `allowed-bots` pass without the
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
    const status = (error as { status?: unknown }).status;
    return {
      allowed: false,
      reason: `could not read ${actor.login}'s permission on the repository (${typeof status === 'number' ? `HTTP ${status}` : 'request failed'}), so the request is refused.`,
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
