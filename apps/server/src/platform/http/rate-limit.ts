import { createHash } from 'node:crypto';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import { bearerToken } from './auth.ts';
import { AppError } from './errors.ts';

/**
 * REST API rate limits: fixed windows counted per access token and per workspace. Embedded, the
 * counters are a Map in this process; scaled, they live in Redis (one pipelined INCR + PEXPIREAT per
 * key, one round trip) so every node shares them. This runs on every API call, so it does no more.
 */
export interface WindowCounter {
  /** Adds one hit to each key in the window starting at `windowStart` and returns the new counts. */
  hit(keys: string[], windowStart: number, windowMs: number): Promise<number[]>;
  close(): Promise<void>;
}

export function memoryCounter(): WindowCounter {
  let window = -1;
  let counts = new Map<string, number>();
  return {
    async hit(keys, windowStart) {
      if (windowStart !== window) {
        // Old windows are never read again: dropping the map is the whole clean-up.
        window = windowStart;
        counts = new Map();
      }
      return keys.map((key) => {
        const count = (counts.get(key) ?? 0) + 1;
        counts.set(key, count);
        return count;
      });
    },
    async close() {},
  };
}

/** Counters in Redis; if Redis fails, this node falls back to its own counts rather than refusing traffic. */
export function redisCounter(url: string, prefix: string, log: FastifyBaseLogger): WindowCounter {
  // No offline queue: while Redis is unreachable a hit fails at once and is counted locally, so an
  // outage never adds latency to API calls.
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 500, enableOfflineQueue: false });
  redis.on('error', () => {});
  // Only the very first connection is waited for (briefly), so a node that just started counts in Redis too.
  let firstConnection: Promise<unknown> | undefined = Promise.race([
    new Promise((resolve) => redis.once('ready', resolve)),
    new Promise((resolve) => setTimeout(resolve, 500).unref()),
  ]).then(() => (firstConnection = undefined));
  const fallback = memoryCounter();
  let warnedAt = 0;
  return {
    async hit(keys, windowStart, windowMs) {
      if (firstConnection) await firstConnection;
      const pipeline = redis.pipeline();
      for (const key of keys) {
        const stored = `${prefix}:ratelimit:${key}:${windowStart}`;
        pipeline.incr(stored).pexpireat(stored, windowStart + windowMs + 1000);
      }
      try {
        const results = (await pipeline.exec()) ?? [];
        return keys.map((_key, index) => {
          const [error, count] = results[index * 2] ?? [new Error('no reply')];
          if (error) throw error;
          return Number(count);
        });
      } catch (error) {
        if (Date.now() - warnedAt > 60_000) {
          warnedAt = Date.now();
          log.warn({ err: error }, 'rate limit counters unavailable in Redis; counting on this node only');
        }
        return fallback.hit(keys, windowStart, windowMs);
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}

export interface RateLimits {
  perToken: number;
  perWorkspace: number;
  windowSeconds: number;
}

export function rateLimitsOf(config: Config): RateLimits {
  return {
    perToken: config.API_RATE_LIMIT_PER_TOKEN,
    perWorkspace: config.API_RATE_LIMIT_PER_WORKSPACE,
    windowSeconds: config.API_RATE_LIMIT_WINDOW_SECONDS,
  };
}

const tokenKey = (token: string) => createHash('sha256').update(token).digest('base64url').slice(0, 22);

/**
 * A hook for authenticated REST API requests (after the token guard): sets X-RateLimit-Limit,
 * -Remaining and -Reset (epoch seconds) from whichever limit is closer to running out, and answers
 * 429 `rate_limit_exceeded` with Retry-After once either is exceeded.
 */
export function rateLimitHook(counter: WindowCounter, limits: RateLimits, now: () => number = Date.now) {
  const windowMs = limits.windowSeconds * 1000;
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const actor = request.actor;
    if (!actor) return;
    const time = now();
    const windowStart = time - (time % windowMs);
    const token = bearerToken(request) ?? `teammate:${actor.teammateId}`;
    const [tokenCount = 0, workspaceCount = 0] = await counter.hit([`t:${tokenKey(token)}`, `w:${actor.workspaceId}`], windowStart, windowMs);
    const tokenLeft = limits.perToken - tokenCount;
    const workspaceLeft = limits.perWorkspace - workspaceCount;
    const byToken = tokenLeft <= workspaceLeft;
    const limit = byToken ? limits.perToken : limits.perWorkspace;
    const left = byToken ? tokenLeft : workspaceLeft;
    const resetAt = windowStart + windowMs;
    reply.header('X-RateLimit-Limit', String(limit));
    reply.header('X-RateLimit-Remaining', String(Math.max(0, left)));
    reply.header('X-RateLimit-Reset', String(Math.ceil(resetAt / 1000)));
    if (left < 0) {
      const retryAfter = Math.max(1, Math.ceil((resetAt - time) / 1000));
      const who = byToken ? 'this access token' : 'this workspace';
      throw new AppError(
        429,
        'rate_limit_exceeded',
        `Rate limit of ${limit} requests per ${limits.windowSeconds} seconds exceeded for ${who}; retry after ${retryAfter} seconds`,
        { headers: { 'Retry-After': String(retryAfter) } },
      );
    }
  };
}

/** The REST API's limiter for this configuration: in memory, or shared through Redis when REDIS_URL is set. */
export function createApiRateLimiter(config: Config, log: FastifyBaseLogger) {
  const counter = config.REDIS_URL ? redisCounter(config.REDIS_URL, config.REDIS_PREFIX, log) : memoryCounter();
  return { hook: rateLimitHook(counter, rateLimitsOf(config)), close: () => counter.close() };
}
