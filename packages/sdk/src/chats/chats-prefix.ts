import { type BuildInfo, type ChatsPrefix, coderApiGeneration, NIL_UUID } from '@coder-tasks/types';
import type { CallOptions, RequestSpec } from '../client-options';
import { CoderApiError } from '../errors';
import { TasksUnavailableError } from '../tasks-unavailable-error';
import { ChatsUnavailableError } from './chat-errors';

/** What a {@link ChatsPrefixes} needs from the client. */
export interface ChatsHost {
  readonly url: URL;
  request<T>(spec: RequestSpec<T>, options?: CallOptions): Promise<T>;
  buildInfo(options?: CallOptions): Promise<BuildInfo>;
}

/** Which agent APIs a server serves; see `CoderClient.apiSupport`. */
export interface ApiSupport {
  /** The server's version, from `/api/v2/buildinfo`. */
  version: string;
  /** True when the server serves the Tasks API (`/api/v2/tasks`). */
  tasks: boolean;
  /** The prefix the Chats API is served under (the preferred one when there are two), or undefined. */
  chats: ChatsPrefix | undefined;
}

/**
 * Chooses, once per client, the prefix of the Chats routes from the server's version: `/api/experimental`
 * on v2.32–v2.36, `/api/v2` from v2.37 (v2.37 serves both, coder/coder #28496; v2.38 only `/api/v2`,
 * #29548). A forced prefix is used as is. A failed buildinfo read is not remembered, so the next call
 * tries again.
 */
export class ChatsPrefixes {
  private chosen: Promise<{ prefixes: readonly ChatsPrefix[]; version?: string }> | undefined;
  /** Index of the prefix in use among the server's candidates (moves on after a 404 "Route not found."). */
  private current = 0;

  // A private field, so that logging or serializing the client does not walk back into it.
  readonly #host: ChatsHost;

  constructor(
    host: ChatsHost,
    private readonly forced: ChatsPrefix | undefined,
  ) {
    this.#host = host;
  }

  /** The prefix to use, or a {@link ChatsUnavailableError} for a server older than v2.32. */
  async prefix(at: { method: string; path: string }, options?: CallOptions): Promise<ChatsPrefix> {
    return (await this.choose(at, options)).prefix;
  }

  /** The prefix to use, with the server's candidates and version (see {@link ChatsPrefixes.prefix}). */
  async choose(
    at: { method: string; path: string },
    options?: CallOptions,
  ): Promise<{ prefix: ChatsPrefix; prefixes: readonly ChatsPrefix[]; version: string | undefined }> {
    const { prefixes, version } = await this.candidates(options);
    const prefix = prefixes[Math.min(this.current, prefixes.length - 1)];
    if (prefix) return { prefix, prefixes, version };
    throw new ChatsUnavailableError({
      reason: 'too-old',
      method: at.method,
      url: new URL(`api/v2${at.path}`, this.#host.url).toString(),
      serverVersion: version,
    });
  }

  /** The server version, when buildinfo was read. */
  async version(options?: CallOptions): Promise<string | undefined> {
    if (this.forced) return (await this.#host.buildInfo(quick(options)).catch(() => undefined))?.version;
    return (await this.candidates(options)).version;
  }

  /**
   * After `prefix` answered 404 "Route not found.": moves to the server's other prefix when it has one
   * (a v2.37 serves both; a proxy may pass only one) and returns true, else false.
   */
  fallBack(failed: ChatsPrefix, prefixes: readonly ChatsPrefix[]): boolean {
    if (this.forced) return false;
    const next = prefixes.indexOf(failed) + 1;
    if (next <= 0 || next >= prefixes.length) return false;
    this.current = Math.max(this.current, next);
    return true;
  }

  /** The server's candidate prefixes, preferred first. */
  async candidates(options?: CallOptions): Promise<{ prefixes: readonly ChatsPrefix[]; version?: string }> {
    if (this.forced) return { prefixes: [this.forced] };
    this.chosen ??= this.#host.buildInfo(quick(options)).then(
      (info) => ({ prefixes: coderApiGeneration(info.version).chatsPrefixes, version: info.version }),
      (error: unknown) => {
        this.chosen = undefined;
        throw error;
      },
    );
    return this.chosen;
  }
}

/**
 * Which of Tasks and Chats the server serves. The version decides, except for Tasks on the releases
 * where they depend on `CODER_ENABLE_AI_TASKS` (off by default from v2.36, removed by #28789): there one
 * GET of a task that cannot exist tells "not found" (served) from "Route not found." (not served).
 */
export async function apiSupport(
  host: ChatsHost,
  prefixes: ChatsPrefixes,
  options?: CallOptions,
): Promise<ApiSupport> {
  // The prefix chooser reads buildinfo once per client; a forced prefix skips that read, so ask then.
  const candidates = await prefixes.candidates(options);
  const version = candidates.version ?? (await host.buildInfo(options)).version;
  const generation = coderApiGeneration(version);
  let tasks = generation.tasks === 'served';
  if (generation.tasks === 'flagged' || (generation.tasks === 'served' && generation.minor >= 36)) {
    tasks = await tasksRouteServed(host, options);
  }
  return { version, tasks, chats: candidates.prefixes[0] };
}

async function tasksRouteServed(host: ChatsHost, options?: CallOptions): Promise<boolean> {
  const spec = {
    method: 'GET',
    path: `/api/v2/tasks/me/${NIL_UUID}`,
    decode: (d: unknown) => d,
    repeatable: true,
  } as const;
  try {
    await host.request(spec, options);
    return true;
  } catch (error) {
    if (error instanceof TasksUnavailableError) return false;
    // The route answered: the task does not exist, but the API is there.
    if (error instanceof CoderApiError && error.status === 404) return true;
    throw error;
  }
}

/** Options for a side read (buildinfo) that should not hold the caller up long. */
function quick(options: CallOptions | undefined): CallOptions {
  return { retries: 1, ...(options?.signal ? { signal: options.signal } : {}) };
}
