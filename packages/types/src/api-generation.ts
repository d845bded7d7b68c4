/** Where a Coder server serves the Chats routes (`{prefix}/chats…`). */
export type ChatsPrefix = '/api/v2' | '/api/experimental';

/**
 * Whether a server generation serves the Tasks API (`/api/v2/tasks`):
 * - `not-yet`: before v2.29;
 * - `served`: v2.29 to v2.36;
 * - `flagged`: v2.37, only when the deployment sets `CODER_ENABLE_AI_TASKS`;
 * - `removed`: v2.38 and later (coder/coder#28789): every task route answers 404 `Route not found.`.
 */
export type TasksAvailability = 'not-yet' | 'served' | 'flagged' | 'removed';

/** What one Coder release serves of the agent APIs, from its `buildinfo.version`. */
export interface CoderApiGeneration {
  /** The version string as given. */
  readonly version: string;
  /** False when the string could not be parsed; the generation is then the newest known. */
  readonly known: boolean;
  /** True for a development build (`v0.0.0-devel+…`), which is treated as the newest known release. */
  readonly devel: boolean;
  /** Major version; the newest known (2) for a development build or an unparsable string. */
  readonly major: number;
  /** Minor version; the newest known (38) for a development build or an unparsable string. */
  readonly minor: number;
  /** Whether the Tasks API is served. */
  readonly tasks: TasksAvailability;
  /**
   * Where the Chats API is served, preferred first: none before v2.32 (v2.31's early `/api/v2/chats`
   * had another shape and is not supported); `/api/experimental` from v2.32 to v2.36; both in v2.37
   * (coder/coder#28496); `/api/v2` only from v2.38 (coder/coder#29548).
   */
  readonly chatsPrefixes: readonly ChatsPrefix[];
}

/** The newest release whose APIs this package knows; development builds and unknown strings act as it. */
export const NEWEST_KNOWN_CODER_VERSION = Object.freeze({ major: 2, minor: 38 });

// buildinfo.version is "v" + the git tag, with "+<sha>" appended when the tag has no build metadata:
// v2.37.0+abc1234, v2.38.0-rc.1+abc1234, and v0.0.0-devel+abc1234 for development builds.
const VERSION = /^v?(\d+)\.(\d+)\.(\d+)/;

const NO_CHATS: readonly ChatsPrefix[] = Object.freeze([]);
const EXPERIMENTAL: readonly ChatsPrefix[] = Object.freeze(['/api/experimental']);
const BOTH: readonly ChatsPrefix[] = Object.freeze(['/api/v2', '/api/experimental']);
const V2: readonly ChatsPrefix[] = Object.freeze(['/api/v2']);

/**
 * Tells from `GET /api/v2/buildinfo`'s `version` which agent APIs a server serves and where. A release
 * candidate counts as its release (`v2.38.0-rc.1` is v2.38). A development build (`v0.0.0-devel+…`) and
 * a string that is not a version are treated as the newest known release, because both are most likely
 * newer than this package.
 */
export function coderApiGeneration(buildInfoVersion: string): CoderApiGeneration {
  const match = VERSION.exec(buildInfoVersion.trim());
  const parsed = match
    ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) }
    : undefined;
  const devel = parsed !== undefined && parsed.major === 0 && parsed.minor === 0 && parsed.patch === 0;
  const { major, minor } = parsed && !devel ? parsed : NEWEST_KNOWN_CODER_VERSION;
  const at = (m: number) => major > 2 || (major === 2 && minor >= m);
  return Object.freeze({
    version: buildInfoVersion,
    known: parsed !== undefined,
    devel,
    major,
    minor,
    tasks: at(38) ? 'removed' : at(37) ? 'flagged' : at(29) ? 'served' : 'not-yet',
    chatsPrefixes: at(38) ? V2 : at(37) ? BOTH : at(32) ? EXPERIMENTAL : NO_CHATS,
  });
}
