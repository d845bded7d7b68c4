import type { Trigger } from './event';
import { type CollaboratorPermission, type GitHubApi, statusOf } from './github-api';
import { isAllowedBot } from './input-fields';
import { effectiveRole, hasPermission, type PermissionLevel } from './permission';
import { requestSent } from './request-sent';

/**
 * Whether the person behind the event may start work, and why not. `checkFailed`: GitHub could not
 * answer (after the client's retries), so the request is refused without knowing whether it should be.
 */
export type Authorization =
  | { allowed: true; role: string }
  | { allowed: false; reason: string; checkFailed?: true };

/** A permission read started before the event was fully read (see {@link startPermissionCheck}). */
export interface PermissionCheck {
  login: string;
  /** GitHub's answer, or the error the read ended with. */
  answer: Promise<{ ok: true; value: CollaboratorPermission } | { ok: false; error: unknown }>;
  /** Resolves once the read has been written to the connection (or has ended). */
  sent: Promise<void>;
  /** Stops the read (the event turned out not to be a request). */
  cancel(): void;
}

/**
 * Starts reading `login`'s permission on the repository now, for {@link authorize} to use: once it is
 * `sent`, it travels while the comment's Markdown is parsed. Its failure is kept, never left unhandled.
 */
export function startPermissionCheck(github: GitHubApi, login: string): PermissionCheck {
  const controller = new AbortController();
  const answer = github.getPermission(login, controller.signal).then(
    (value) => ({ ok: true, value }) as const,
    (error: unknown) => ({ ok: false, error }) as const,
  );
  return {
    login,
    answer,
    sent: requestSent(`/collaborators/${encodeURIComponent(login)}/permission`, answer),
    cancel: () => controller.abort(),
  };
}

/**
 * Checks the actor's role on the repository against `min-permission`. Fails closed: an API error, an
 * unknown role or a missing answer all mean "not allowed"; an API error also says `checkFailed`. Bots
 * listed in `allowed-bots` pass without the check, since GitHub Apps have no collaborator role to ask
 * about. The answer of an `early` check of the same login is used instead of asking again.
 */
export async function authorize(
  github: GitHubApi,
  actor: Trigger['actor'],
  options: { minPermission: PermissionLevel; allowedBots: readonly string[] },
  early?: PermissionCheck,
): Promise<Authorization> {
  const usable = early !== undefined && early.login === actor.login && !actor.isBot;
  if (!usable) early?.cancel();
  if (actor.isBot) {
    return isAllowedBot(actor.login, options.allowedBots)
      ? { allowed: true, role: 'allowed bot' }
      : { allowed: false, reason: `${actor.login} is a bot not listed in allowed-bots.` };
  }
  if (actor.login === '') return { allowed: false, reason: 'the event names no user.' };
  let role: PermissionLevel | undefined;
  try {
    const answer = usable ? await early.answer : undefined;
    if (answer && !answer.ok) throw answer.error;
    role = effectiveRole(answer ? answer.value : await github.getPermission(actor.login));
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
