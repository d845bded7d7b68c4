import type { Preset, User } from '@coder-tasks/types';
import { CoderError } from './errors';

/** The one user of a `github_com_user_id:` search; zero or several matches are a {@link UserLookupError}. */
export function pickGitHubUser(users: readonly User[], githubUserId: number): User {
  const [only, ...rest] = users;
  if (!only || rest.length > 0)
    throw new UserLookupError(
      githubUserId,
      users.map((u) => u.username),
    );
  return only;
}

/**
 * The preset a task should use, as Coder picks it: the one named `name` (exact match, as the CLI's
 * `--preset`), else the version's default preset, else none. A name that does not exist is a
 * {@link PresetNotFoundError} listing the presets there are, rather than silently using another one.
 */
export function pickPreset(
  presets: readonly Preset[],
  templateVersionId: string,
  name?: string,
): Preset | undefined {
  if (name) {
    const named = presets.find((p) => p.Name === name);
    if (!named)
      throw new PresetNotFoundError(
        templateVersionId,
        name,
        presets.map((p) => p.Name),
      );
    return named;
  }
  return presets.find((p) => p.Default);
}

/** `findUserByGitHubId` found no Coder user, or several, linked to that GitHub account. */
export class UserLookupError extends CoderError {
  override name = 'UserLookupError';
  readonly githubUserId: number;
  /** How many users matched: 0, or more than 1. */
  readonly matches: number;

  constructor(githubUserId: number, usernames: readonly string[]) {
    super(
      usernames.length === 0
        ? `no Coder user is linked to GitHub user id ${githubUserId}: the person must log in to Coder with GitHub once`
        : `${usernames.length} Coder users are linked to GitHub user id ${githubUserId} (${usernames.join(', ')}); expected exactly one`,
    );
    this.githubUserId = githubUserId;
    this.matches = usernames.length;
  }
}

/** `resolvePreset` was given a preset name that the template version does not have. */
export class PresetNotFoundError extends CoderError {
  override name = 'PresetNotFoundError';
  readonly presetName: string;
  readonly available: readonly string[];

  constructor(templateVersionId: string, presetName: string, available: readonly string[]) {
    const list = available.length ? `its presets are: ${available.join(', ')}` : 'it has no presets';
    super(`template version ${templateVersionId} has no preset named "${presetName}"; ${list}`);
    this.presetName = presetName;
    this.available = available;
  }
}
