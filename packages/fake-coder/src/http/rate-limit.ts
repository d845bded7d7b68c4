import { errorReply, type Reply } from './reply';

const WINDOW_MS = 60_000;

/**
 * coderd's API rate limiter (httpmw.RateLimit on go-chi/httprate): at most `limit` requests per minute
 * per user and endpoint (per IP when unauthenticated). Windows run on the fake clock, so a manual-clock
 * test can move past one. Owners may send `X-Coder-Bypass-Ratelimit: true`.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private limit: number,
    private readonly now: () => number,
  ) {}

  /** Changes the limit (0: off) and starts every window afresh. */
  reset(limit: number): void {
    this.limit = limit;
    this.windows.clear();
  }

  /** Counts a request; returns the 429 reply once the key is over the limit, else undefined. */
  check(key: string): Reply | undefined {
    if (this.limit <= 0) return undefined;
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= WINDOW_MS) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count++;
    const resetMs = window.start + WINDOW_MS;
    const headers = {
      'X-Ratelimit-Limit': String(this.limit),
      'X-Ratelimit-Remaining': String(Math.max(0, this.limit - window.count)),
      'X-Ratelimit-Reset': String(Math.ceil(resetMs / 1000)),
    };
    if (window.count <= this.limit) return undefined;
    const reply = errorReply(
      429,
      `You've been rate limited for sending more than ${this.limit} requests in 1m0s.`,
    );
    reply.headers = { ...headers, 'Retry-After': String(Math.max(1, Math.ceil((resetMs - now) / 1000))) };
    return reply;
  }
}
