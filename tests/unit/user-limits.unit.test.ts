import type { UserLimits } from '../../shared/config';
import type { Logger } from '../../shared/logger';
import { createUserLimiter, RateLimited } from '../../gateway/user-limits';

// Each user's share of the gateway (issue 18, finding 7): requests in progress at once, and
// requests started in each window, on a fake clock.

const LIMITS: UserLimits = { maxConcurrent: 2, rate: 5, windowSeconds: 60 };

/** What `admit` refused with, as the client sees it; 'admitted' when it let the request in. */
async function outcome(admit: Promise<() => void>) {
  try {
    await admit;
    return 'admitted';
  } catch (error) {
    const e = error as RateLimited;
    return { status: e.status, code: e.code, limit: e.limit, headers: e.headers };
  }
}

function capturingLogger() {
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      lines.push({ level, message, fields });
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return { logger, lines };
}

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-11-20T12:00:00Z') });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('requests in progress at once', () => {
  it('refuses the request over the limit with 429, RATE_LIMITED and Retry-After 1', async () => {
    const limiter = createUserLimiter({ ...LIMITS, rate: 0 });
    await limiter.admit('sam');
    await limiter.admit('sam');
    expect(await outcome(limiter.admit('sam'))).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
      limit: 'concurrency',
      headers: { 'retry-after': '1' },
    });
  });

  it("counts each user apart: one user's requests never refuse another's", async () => {
    const limiter = createUserLimiter({ ...LIMITS, rate: 0 });
    await limiter.admit('sam');
    await limiter.admit('sam');
    expect([await outcome(limiter.admit('kim')), await outcome(limiter.admit('kim'))]).toEqual([
      'admitted',
      'admitted',
    ]);
  });

  it('admits again once a request gives its place back', async () => {
    const limiter = createUserLimiter({ ...LIMITS, rate: 0 });
    const release = await limiter.admit('sam');
    await limiter.admit('sam');
    release();
    expect(await outcome(limiter.admit('sam'))).toBe('admitted');
  });

  it('gives a place back once however often it is released', async () => {
    const limiter = createUserLimiter({ ...LIMITS, rate: 0 });
    const release = await limiter.admit('sam');
    await limiter.admit('sam');
    release();
    release();
    expect(limiter.inFlight('sam')).toBe(1);
  });

  it('admits requests arriving together only up to the limit', async () => {
    const limiter = createUserLimiter(LIMITS);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => outcome(limiter.admit('sam'))),
    );
    expect(outcomes.map((o) => (o === 'admitted' ? o : o.limit))).toEqual([
      'admitted',
      'admitted',
      'concurrency',
      'concurrency',
      'concurrency',
    ]);
  });

  it('takes nothing of the rate for a request refused for concurrency', async () => {
    const limiter = createUserLimiter({ maxConcurrent: 1, rate: 2, windowSeconds: 60 });
    const release = await limiter.admit('sam');
    for (let i = 0; i < 5; i += 1) await outcome(limiter.admit('sam'));
    release();
    // The first request and this one are the two the window allows.
    expect(await outcome(limiter.admit('sam'))).toBe('admitted');
  });

  it('has no concurrency limit at 0', async () => {
    const limiter = createUserLimiter({ ...LIMITS, maxConcurrent: 0, rate: 0 });
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => outcome(limiter.admit('sam'))),
    );
    expect(new Set(outcomes)).toEqual(new Set(['admitted']));
  });
});

describe('requests started in each window', () => {
  it('refuses the request over the rate with Retry-After the seconds left in the window', async () => {
    const limiter = createUserLimiter({ ...LIMITS, maxConcurrent: 0 });
    for (let i = 0; i < 5; i += 1) {
      (await limiter.admit('sam'))();
      jest.advanceTimersByTime(1_000);
    }
    // 5 s into the window of 60 s: 55 s left.
    expect(await outcome(limiter.admit('sam'))).toEqual({
      status: 429,
      code: 'RATE_LIMITED',
      limit: 'rate',
      headers: { 'retry-after': '55' },
    });
  });

  it('rounds Retry-After up to a whole second, and never below 1', async () => {
    const limiter = createUserLimiter({ maxConcurrent: 0, rate: 1, windowSeconds: 60 });
    (await limiter.admit('sam'))();
    jest.advanceTimersByTime(59_900);
    expect(await outcome(limiter.admit('sam'))).toEqual(
      expect.objectContaining({ headers: { 'retry-after': '1' } }),
    );
  });

  it('admits again when the window is over', async () => {
    const limiter = createUserLimiter({ ...LIMITS, maxConcurrent: 0 });
    for (let i = 0; i < 5; i += 1) (await limiter.admit('sam'))();
    await outcome(limiter.admit('sam'));
    jest.advanceTimersByTime(60_000);
    expect(await outcome(limiter.admit('sam'))).toBe('admitted');
  });

  it("counts each user's rate apart", async () => {
    const limiter = createUserLimiter({ ...LIMITS, maxConcurrent: 0 });
    for (let i = 0; i < 6; i += 1) await outcome(limiter.admit('sam'));
    expect(await outcome(limiter.admit('kim'))).toBe('admitted');
  });

  it('gives back the place in progress of a request refused for its rate', async () => {
    const limiter = createUserLimiter({ maxConcurrent: 2, rate: 1, windowSeconds: 60 });
    (await limiter.admit('sam'))();
    await outcome(limiter.admit('sam'));
    await outcome(limiter.admit('sam'));
    expect(limiter.inFlight('sam')).toBe(0);
  });

  it('has no rate limit at 0', async () => {
    const limiter = createUserLimiter({ ...LIMITS, maxConcurrent: 0, rate: 0 });
    const outcomes = [];
    for (let i = 0; i < 500; i += 1) outcomes.push(await outcome(limiter.admit('sam')));
    expect(new Set(outcomes)).toEqual(new Set(['admitted']));
  });
});

describe('logging refusals', () => {
  it('logs the first refusal of a burst, naming the user and the limit', async () => {
    const { logger, lines } = capturingLogger();
    const limiter = createUserLimiter({ ...LIMITS, rate: 0 }, logger);
    await limiter.admit('sam');
    await limiter.admit('sam');
    for (let i = 0; i < 10; i += 1) await outcome(limiter.admit('sam'));
    expect(lines).toEqual([
      {
        level: 'warn',
        message: 'requests refused: rate limited',
        fields: {
          code: 'RATE_LIMITED',
          userId: 'sam',
          limit: 'concurrency',
          maxConcurrent: 2,
          rate: 0,
          windowSeconds: 60,
          retryAfterSeconds: 1,
        },
      },
    ]);
  });

  it('logs again for a new burst after one of the user’s requests was admitted', async () => {
    const { logger, lines } = capturingLogger();
    const limiter = createUserLimiter({ ...LIMITS, rate: 0 }, logger);
    const release = await limiter.admit('sam');
    await limiter.admit('sam');
    await outcome(limiter.admit('sam'));
    release();
    await limiter.admit('sam');
    await outcome(limiter.admit('sam'));
    expect(lines.map((l) => l.fields.userId)).toEqual(['sam', 'sam']);
  });

  it('logs again when a burst goes on for longer than a window', async () => {
    const { logger, lines } = capturingLogger();
    const limiter = createUserLimiter({ maxConcurrent: 1, rate: 0, windowSeconds: 60 }, logger);
    await limiter.admit('sam');
    await outcome(limiter.admit('sam'));
    jest.advanceTimersByTime(30_000);
    await outcome(limiter.admit('sam'));
    jest.advanceTimersByTime(31_000);
    await outcome(limiter.admit('sam'));
    expect(lines).toHaveLength(2);
  });

  it("logs each user's burst apart", async () => {
    const { logger, lines } = capturingLogger();
    const limiter = createUserLimiter({ maxConcurrent: 1, rate: 0, windowSeconds: 60 }, logger);
    await limiter.admit('sam');
    await limiter.admit('kim');
    await outcome(limiter.admit('sam'));
    await outcome(limiter.admit('kim'));
    await outcome(limiter.admit('sam'));
    expect(lines.map((l) => l.fields.userId)).toEqual(['sam', 'kim']);
  });
});
