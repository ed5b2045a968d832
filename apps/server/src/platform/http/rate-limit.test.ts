import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Actor } from './auth.ts';
import type { AppError } from './errors.ts';
import { memoryCounter, rateLimitHook, redisCounter, type WindowCounter } from './rate-limit.ts';

function fakeCall(token: string, workspaceId: number) {
  const headers: Record<string, string> = {};
  const request = {
    headers: { authorization: `Bearer ${token}` },
    actor: { workspaceId, teammateId: 1, role: 'owner', permissions: {}, via: 'token' } as unknown as Actor,
  } as unknown as FastifyRequest;
  const reply = { header: (name: string, value: string) => (headers[name] = value) } as unknown as FastifyReply;
  return { request, reply, headers };
}

async function outcome(hook: ReturnType<typeof rateLimitHook>, token: string, workspaceId: number) {
  const call = fakeCall(token, workspaceId);
  try {
    await hook(call.request, call.reply);
    return { status: 200, headers: call.headers };
  } catch (error) {
    const appError = error as AppError;
    return { status: appError.status, code: appError.code, retryAfter: appError.options.headers?.['Retry-After'], headers: call.headers };
  }
}

/** A clock stopped in the middle of the current window, so no window rolls over between a test's calls. */
function stoppedClock(): () => number {
  const time = Math.floor(Date.now() / 60_000) * 60_000 + 30_000;
  return () => time;
}

describe('REST API rate limits', () => {
  it('counts per token and per workspace in fixed windows, with headers and Retry-After', async () => {
    let clock = 1_700_000_010_000;
    const hook = rateLimitHook(memoryCounter(), { perToken: 3, perWorkspace: 5, windowSeconds: 60 }, () => clock);
    const first = await outcome(hook, 'a', 1);
    expect(first.headers).toEqual({ 'X-RateLimit-Limit': '3', 'X-RateLimit-Remaining': '2', 'X-RateLimit-Reset': '1700000040' });
    await outcome(hook, 'a', 1);
    expect((await outcome(hook, 'a', 1)).headers['X-RateLimit-Remaining']).toBe('0');
    const over = await outcome(hook, 'a', 1);
    expect(over).toMatchObject({ status: 429, code: 'rate_limit_exceeded', retryAfter: '30' });
    // Another token of the same workspace has its own allowance, until the workspace's runs out.
    expect((await outcome(hook, 'b', 1)).status).toBe(200);
    const workspaceOver = await outcome(hook, 'b', 1);
    expect(workspaceOver.status).toBe(429);
    expect(workspaceOver.headers['X-RateLimit-Limit']).toBe('5');
    // Another workspace is unaffected, and the next window starts afresh.
    expect((await outcome(hook, 'c', 2)).status).toBe(200);
    clock += 30_000;
    expect((await outcome(hook, 'a', 1)).headers['X-RateLimit-Remaining']).toBe('2');
  });

  it('costs well under a millisecond per call in memory', async () => {
    const hook = rateLimitHook(memoryCounter(), { perToken: 1e9, perWorkspace: 1e9, windowSeconds: 60 });
    const calls = Array.from({ length: 20_000 }, (_, i) => fakeCall(`token-${i % 50}`, i % 7));
    const started = process.hrtime.bigint();
    for (const call of calls) await hook(call.request, call.reply);
    const perCallMs = Number(process.hrtime.bigint() - started) / 1e6 / calls.length;
    expect(perCallMs).toBeLessThan(0.1);
  });

  it.skipIf(!process.env.TEST_REDIS_URL)('shares counts across nodes through Redis', async () => {
    const prefix = `fdtest-${randomBytes(6).toString('hex')}`;
    const log = pino({ level: 'silent' });
    const nodes: WindowCounter[] = [redisCounter(process.env.TEST_REDIS_URL!, prefix, log), redisCounter(process.env.TEST_REDIS_URL!, prefix, log)];
    try {
      const limits = { perToken: 2, perWorkspace: 100, windowSeconds: 60 };
      const clock = stoppedClock();
      const [one, two] = nodes.map((node) => rateLimitHook(node, limits, clock));
      expect((await outcome(one!, 'shared', 9)).status).toBe(200);
      expect((await outcome(two!, 'shared', 9)).status).toBe(200);
      expect((await outcome(one!, 'shared', 9)).status).toBe(429);
    } finally {
      for (const node of nodes) await node.close();
    }
  });

  it('keeps counting on this node, without waiting, while Redis is unreachable', async () => {
    const counter = redisCounter('redis://127.0.0.1:1', 'fdtest-down', pino({ level: 'silent' }));
    try {
      const hook = rateLimitHook(counter, { perToken: 2, perWorkspace: 100, windowSeconds: 60 }, stoppedClock());
      expect((await outcome(hook, 'down', 1)).status).toBe(200);
      const started = Date.now();
      expect((await outcome(hook, 'down', 1)).status).toBe(200);
      expect((await outcome(hook, 'down', 1)).status).toBe(429);
      expect(Date.now() - started).toBeLessThan(100);
    } finally {
      await counter.close();
    }
  });
});
