import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.ts';
import { type Database, openDatabase, rows } from '../db/database.ts';
import { createBullmqJobs } from './bullmq-jobs.ts';
import type { Jobs } from './jobs.ts';
import { createTableJobs } from './table-jobs.ts';

/**
 * The same behaviour from both job backends: the `jobs` table (embedded) and BullMQ (REDIS_URL set).
 * Every case defines its own job name, so cases share one running worker as modules of a server do.
 */
const log = pino({ level: 'silent' });
const backoffMs = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let counter = 0;
const jobName = (label: string) => `test.${label}.${++counter}.${randomBytes(3).toString('hex')}`;

async function waitFor(description: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await sleep(10);
  }
}

interface JobRow {
  attempts: number;
  max_attempts: number;
  finished_at: unknown;
  last_error: string | null;
}

interface Backend {
  jobs: Jobs;
  /** The stored state of a job, where the backend lets us read it. */
  row?(name: string): Promise<JobRow[]>;
  close(): Promise<void>;
}

function behaviours(open: () => Promise<Backend>): void {
  let backend: Backend;
  beforeAll(async () => {
    backend = await open();
    await backend.jobs.start();
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('runs an enqueued job with its payload', async () => {
    const name = jobName('run');
    const seen: Record<string, unknown>[] = [];
    backend.jobs.define(name, async (payload) => {
      seen.push(payload);
    });
    await backend.jobs.enqueue(name, { conversation_id: 'abc', count: 3, nested: { ok: true } });
    await waitFor('the job to run', () => seen.length === 1);
    expect(seen[0]).toEqual({ conversation_id: 'abc', count: 3, nested: { ok: true } });
    await sleep(200);
    expect(seen).toHaveLength(1);
    if (backend.row) {
      const [row] = await backend.row(name);
      expect(row).toMatchObject({ attempts: 1, last_error: null });
      expect(row?.finished_at).not.toBeNull();
    }
  });

  it('retries a failing job with growing backoff until it succeeds', async () => {
    const name = jobName('retry');
    const calls: number[] = [];
    backend.jobs.define(
      name,
      async () => {
        calls.push(Date.now());
        if (calls.length < 3) throw new Error(`temporary failure ${calls.length}`);
      },
      { attempts: 5, backoffMs },
    );
    await backend.jobs.enqueue(name, {});
    await waitFor('the third attempt', () => calls.length >= 3);
    const [first = 0, second = 0, third = 0] = calls;
    // Backoff doubles: at least backoffMs after the first failure, 2 × backoffMs after the second.
    expect(second - first).toBeGreaterThanOrEqual(backoffMs - 5);
    expect(third - second).toBeGreaterThanOrEqual(2 * backoffMs - 5);
    // Once it has succeeded it is not run again.
    await sleep(8 * backoffMs);
    expect(calls).toHaveLength(3);
    if (backend.row) {
      const [row] = await backend.row(name);
      expect(row).toMatchObject({ attempts: 3, max_attempts: 5 });
      expect(row?.finished_at).not.toBeNull();
    }
  });

  it('gives up on a job that always fails after its attempts', async () => {
    const name = jobName('dead');
    let calls = 0;
    backend.jobs.define(
      name,
      async () => {
        calls++;
        throw new Error('permanent failure');
      },
      { attempts: 3, backoffMs },
    );
    await backend.jobs.enqueue(name, {});
    await waitFor('three attempts', () => calls >= 3);
    // A fourth attempt would come 4 × backoffMs after the third; wait well past it.
    await sleep(16 * backoffMs);
    expect(calls).toBe(3);
    if (backend.row) {
      const [row] = await backend.row(name);
      expect(row).toMatchObject({ attempts: 3, max_attempts: 3, last_error: 'permanent failure' });
      expect(row?.finished_at).not.toBeNull();
    }
  });

  it('runs a job once when the same key is enqueued twice', async () => {
    const name = jobName('dedupe');
    const seen: unknown[] = [];
    backend.jobs.define(name, async (payload) => {
      seen.push(payload.n);
    });
    const key = `dedupe-${randomBytes(6).toString('hex')}`;
    await backend.jobs.enqueue(name, { n: 1 }, { key });
    await backend.jobs.enqueue(name, { n: 2 }, { key });
    await waitFor('the job to run', () => seen.length >= 1);
    // Enqueued again after it ran: still the same job.
    await backend.jobs.enqueue(name, { n: 3 }, { key });
    // A job with another key is not held back by the duplicates.
    await backend.jobs.enqueue(name, { n: 4 }, { key: `${key}-other` });
    await waitFor('the other job to run', () => seen.includes(4));
    await sleep(300);
    expect(seen.sort()).toEqual([1, 4]);
  });

  // BullMQ itself refuses integer ids and ids with one colon; any text must still work as a key.
  it('accepts any text as a key, such as a number or a key with a colon', async () => {
    const name = jobName('keys');
    const seen: unknown[] = [];
    backend.jobs.define(name, async (payload) => {
      seen.push(payload.n);
    });
    const numeric = String(randomInt(1_000_000_000));
    const colon = `delivery:${randomBytes(6).toString('hex')}`;
    await backend.jobs.enqueue(name, { n: 1 }, { key: numeric });
    await backend.jobs.enqueue(name, { n: 2 }, { key: numeric });
    await backend.jobs.enqueue(name, { n: 3 }, { key: colon });
    await backend.jobs.enqueue(name, { n: 4 }, { key: colon });
    await waitFor('both jobs to run', () => seen.length >= 2);
    await sleep(200);
    expect(seen.sort()).toEqual([1, 3]);
  });

  it('does not run a delayed job before its delay, and runs later jobs meanwhile', async () => {
    const name = jobName('delayed');
    const ran: { n: unknown; at: number }[] = [];
    backend.jobs.define(name, async (payload) => {
      ran.push({ n: payload.n, at: Date.now() });
    });
    const delayMs = 600;
    const enqueuedAt = Date.now();
    await backend.jobs.enqueue(name, { n: 'later' }, { delayMs });
    await backend.jobs.enqueue(name, { n: 'now' });
    await waitFor('the immediate job', () => ran.some((r) => r.n === 'now'));
    expect(ran.map((r) => r.n)).toEqual(['now']);
    await waitFor('the delayed job', () => ran.length === 2);
    const delayed = ran.find((r) => r.n === 'later');
    expect(delayed!.at - enqueuedAt).toBeGreaterThanOrEqual(delayMs - 5);
  });
}

describe('table-backed jobs', () => {
  let testDatabase: TestDatabase;
  let database: Database;
  behaviours(async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase({ databaseUrl: testDatabase.env.DATABASE_URL, dataDir: testDatabase.env.DATA_DIR ?? '' });
    const jobs = createTableJobs(database, log, 50);
    return {
      jobs,
      row: (name) =>
        rows<JobRow>(database.orm, sql`select attempts, max_attempts, finished_at, last_error from jobs where name = ${name} order by id`),
      async close() {
        await jobs.stop();
        await database.close();
        await testDatabase.drop();
      },
    };
  });
});

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)('BullMQ jobs (TEST_REDIS_URL)', () => {
  const prefix = `fdtest-jobs-${randomBytes(6).toString('hex')}`;
  behaviours(async () => {
    const jobs = createBullmqJobs(redisUrl ?? '', prefix, log);
    return {
      jobs,
      async close() {
        await jobs.stop();
        const redis = new Redis(redisUrl ?? '');
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
        redis.disconnect();
      },
    };
  });
});
