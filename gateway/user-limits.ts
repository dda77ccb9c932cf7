import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { UserLimits } from '../shared/config';
import { silentLogger, type Logger } from '../shared/logger';

/** The code a refused request carries in `extensions.code`, with HTTP 429. */
export const RATE_LIMITED = 'RATE_LIMITED';

/**
 * A request refused by a per-user limit: HTTP 429, `RATE_LIMITED`, and `Retry-After` in whole
 * seconds (shared/http.ts sends `status`, `code` and `headers`).
 */
export class RateLimited extends Error {
  readonly status = 429;
  readonly code = RATE_LIMITED;
  readonly headers: Record<string, string>;

  constructor(
    readonly limit: 'concurrency' | 'rate',
    readonly retryAfterSeconds: number,
    message: string,
  ) {
    super(message);
    this.headers = { 'retry-after': String(retryAfterSeconds) };
  }
}

/** Admits or refuses each user's requests; one per gateway, in its memory. */
export interface UserLimiter {
  /**
   * Admits one request of `userId` (the verified user's id) and returns the function that gives
   * its place back, which may be called more than once; or throws RateLimited. A request refused
   * for concurrency uses none of the user's rate.
   */
  admit(userId: string): Promise<() => void>;
  /** The user's requests in progress now. */
  inFlight(userId: string): number;
}

/**
 * A per-user concurrency counter and a per-user rate (rate-limiter-flexible's RateLimiterMemory,
 * a fixed window per user, on `Date.now`). A refusal is logged once per burst: the first refusal
 * of a user, and again only after one of theirs has been admitted or a window has passed; the log
 * names the user, never the token.
 */
export function createUserLimiter(limits: UserLimits, logger: Logger = silentLogger): UserLimiter {
  const inFlight = new Map<string, number>();
  const rate =
    limits.rate > 0
      ? new RateLimiterMemory({ points: limits.rate, duration: limits.windowSeconds })
      : null;
  /** Users being refused now: when the burst's first refusal was, and how many so far. */
  const bursts = new Map<string, { since: number; refused: number }>();

  const refuse = (userId: string, refusal: RateLimited): never => {
    const now = Date.now();
    const burst = bursts.get(userId);
    if (burst && now - burst.since < limits.windowSeconds * 1000) {
      burst.refused += 1;
    } else {
      bursts.set(userId, { since: now, refused: 1 });
      logger.warn('requests refused: rate limited', {
        code: RATE_LIMITED,
        userId,
        limit: refusal.limit,
        maxConcurrent: limits.maxConcurrent,
        rate: limits.rate,
        windowSeconds: limits.windowSeconds,
        retryAfterSeconds: refusal.retryAfterSeconds,
      });
    }
    throw refusal;
  };

  return {
    async admit(userId) {
      const running = inFlight.get(userId) ?? 0;
      if (limits.maxConcurrent > 0 && running >= limits.maxConcurrent) {
        refuse(
          userId,
          new RateLimited(
            'concurrency',
            1,
            `Too many requests at once: at most ${limits.maxConcurrent} of yours may run together; try again when one has finished`,
          ),
        );
      }
      // Taken before the rate is asked (which answers asynchronously), so that requests arriving
      // together cannot all pass the check above.
      inFlight.set(userId, running + 1);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const left = (inFlight.get(userId) ?? 1) - 1;
        if (left > 0) inFlight.set(userId, left);
        else inFlight.delete(userId);
      };
      if (rate) {
        try {
          await rate.consume(userId);
        } catch (error) {
          release();
          if (!(error instanceof RateLimiterRes)) throw error;
          const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
          refuse(
            userId,
            new RateLimited(
              'rate',
              seconds,
              `Too many requests: at most ${limits.rate} of yours every ${limits.windowSeconds} s; try again in ${seconds} s`,
            ),
          );
        }
      }
      bursts.delete(userId);
      return release;
    },
    inFlight: (userId) => inFlight.get(userId) ?? 0,
  };
}
