import type { Clock } from './clock';
import type { GitHubApi, PostedComment } from './github-api';

/** Options of {@link StatusComment}. */
export interface StatusCommentOptions {
  /** Least time between two edits, in ms. Default 3_000. */
  minIntervalMs?: number;
  /** Told about a failed write; progress edits are best effort. Default: ignore. */
  onError?: (error: unknown) => void;
}

/**
 * The one comment a run keeps on its thread. The first body is posted at once; later progress edits are
 * throttled to one every few seconds (the latest wins, older pending ones are dropped), so a chatty
 * agent cannot hit GitHub's secondary rate limits; {@link finish} writes the final body immediately.
 */
export class StatusComment {
  private posted: PostedComment | undefined;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private pending: string | undefined;
  private timer: Promise<void> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private finished = false;
  // Cancels a scheduled edit when the run finishes, so no timer keeps the process alive after the end.
  private readonly timers = new AbortController();
  private readonly minInterval: number;

  constructor(
    private readonly github: GitHubApi,
    private readonly issueNumber: number,
    private readonly clock: Clock,
    private readonly options: StatusCommentOptions = {},
  ) {
    this.minInterval = options.minIntervalMs ?? 3_000;
  }

  /** The comment, once posted. */
  get comment(): PostedComment | undefined {
    return this.posted;
  }

  /** Posts the comment. Throws when GitHub refuses: without it the run has nowhere to report. */
  async post(body: string): Promise<PostedComment> {
    this.posted = await this.github.createComment(this.issueNumber, body);
    this.lastWrite = this.clock.now();
    return this.posted;
  }

  /** Asks for a progress edit; written now, or when the interval has passed, unless a newer one comes first. */
  update(body: string): void {
    if (this.finished || this.posted === undefined) return;
    this.pending = body;
    if (this.timer) return;
    const wait = Math.max(0, this.lastWrite + this.minInterval - this.clock.now());
    this.timer = this.clock.sleep(wait, this.timers.signal).then(
      () => {
        this.timer = undefined;
        this.enqueue();
      },
      () => {},
    );
  }

  /** Writes the final body now, dropping any pending progress edit. Resolves once it is written. */
  async finish(body: string): Promise<void> {
    this.finished = true;
    this.timers.abort();
    this.pending = body;
    this.enqueue();
    await this.chain;
  }

  private enqueue(): void {
    this.chain = this.chain.then(async () => {
      const body = this.pending;
      const posted = this.posted;
      if (body === undefined || posted === undefined) return;
      this.pending = undefined;
      try {
        this.posted = await this.github.updateComment(posted.id, body);
      } catch (error) {
        this.options.onError?.(error);
      }
      this.lastWrite = this.clock.now();
    });
  }
}
