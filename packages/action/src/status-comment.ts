import type { Clock } from './clock';
import {
  type GitHubApi,
  type ListedComment,
  mayHaveLanded,
  type PostedComment,
  statusOf,
} from './github-api';

/** Options of {@link StatusComment}. */
export interface StatusCommentOptions {
  /** Least time between two edits, in ms. Default 3_000. */
  minIntervalMs?: number;
  /** Told about a failed write; progress edits are best effort. Default: ignore. */
  onError?: (error: unknown) => void;
  /** Told whenever the comment the run keeps changes (posted, adopted, or posted again). Default: ignore. */
  onPosted?: (comment: PostedComment) => void;
  /** Told once {@link StatusComment.finish} is done: whether the final body landed, and the body. Default: ignore. */
  onFinished?: (landed: boolean, body: string) => void;
  /**
   * Whether a comment on the thread is this run's status comment, to adopt after a POST that failed but
   * may have landed. Default: none is (then a failed POST is not repeated).
   */
  isOurs?: (comment: ListedComment) => boolean;
}

/** POSTs of the status comment at most, each after looking for the one before. */
const POST_ATTEMPTS = 3;
/** How far back to look for a comment that landed: generous, since the runner's clock may be off. */
const LOOKBACK_MS = 15 * 60_000;

/**
 * The one comment a run keeps on its thread. The first body is posted at once; later progress edits are
 * throttled to one every few seconds (the latest wins, older pending ones are dropped), so a chatty
 * agent cannot hit GitHub's secondary rate limits; {@link finish} writes the final body immediately.
 * Exactly one stays live: a POST answered with an error after it landed is found on the thread and
 * adopted rather than posted twice, and a comment someone deleted is posted again.
 */
export class StatusComment {
  private posted: PostedComment | undefined;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private pending: string | undefined;
  private timer: Promise<void> | undefined;
  private chain: Promise<void> = Promise.resolve();
  private finished = false;
  private landed = true;
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
    const since = new Date(this.clock.now() - LOOKBACK_MS);
    for (let attempt = 1; ; attempt++) {
      try {
        return this.use(await this.github.createComment(this.issueNumber, body));
      } catch (error) {
        if (!mayHaveLanded(error) || this.options.isOurs === undefined) throw error;
        // Never POST again blindly: the comment may be on the thread already (even after the last try,
        // so that a comment that did land is not left behind saying "on it").
        const found = (await this.github.listComments(this.issueNumber, since)).filter(this.options.isOurs);
        const newest = found.reduce<ListedComment | undefined>(
          (a, c) => (a && a.id > c.id ? a : c),
          undefined,
        );
        if (newest)
          return this.use(newest.body === body ? newest : await this.github.updateComment(newest.id, body));
        if (attempt >= POST_ATTEMPTS) throw error;
      }
    }
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

  /**
   * Writes the final body now, dropping any pending progress edit. Resolves once it is written, with
   * whether it landed (false: the comment still shows an earlier state, and the error went to `onError`).
   */
  async finish(body: string): Promise<boolean> {
    this.finished = true;
    this.timers.abort();
    this.pending = body;
    this.enqueue();
    await this.chain;
    this.options.onFinished?.(this.landed, body);
    return this.landed;
  }

  private use(comment: PostedComment): PostedComment {
    this.posted = { id: comment.id, url: comment.url };
    this.lastWrite = this.clock.now();
    this.options.onPosted?.(this.posted);
    return this.posted;
  }

  private enqueue(): void {
    this.chain = this.chain.then(async () => {
      const body = this.pending;
      const posted = this.posted;
      if (body === undefined || posted === undefined) return;
      this.pending = undefined;
      try {
        this.posted = await this.github.updateComment(posted.id, body);
        this.landed = true;
      } catch (error) {
        this.landed = await this.replaceDeleted(error, body);
      }
      this.lastWrite = this.clock.now();
    });
  }

  /** A 404 on the edit means someone deleted the comment: the run posts a new one and goes on. */
  private async replaceDeleted(error: unknown, body: string): Promise<boolean> {
    if (statusOf(error) === 404) {
      try {
        await this.post(body);
        return true;
      } catch (postError) {
        error = postError;
      }
    }
    this.options.onError?.(error);
    return false;
  }
}
