import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type Database, rows } from '../db/database.ts';
import { definition, type JobDefinition, type Jobs } from './jobs.ts';

interface ClaimedJob {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

/** Jobs in the `jobs` table, claimed with FOR UPDATE SKIP LOCKED so several workers never share one. */
export function createTableJobs(database: Database, log: FastifyBaseLogger, pollMs = 500): Jobs {
  const definitions = new Map<string, JobDefinition>();
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function claim(): Promise<ClaimedJob[]> {
    return rows<ClaimedJob>(
      database.orm,
      sql`update jobs set attempts = attempts + 1, locked_until = now() + interval '5 minutes'
          where id in (
            select id from jobs
            where finished_at is null and run_at <= now() and (locked_until is null or locked_until < now())
            order by run_at limit 20 for update skip locked)
          returning id, name, payload, attempts, max_attempts`,
    );
  }

  async function work(job: ClaimedJob): Promise<void> {
    const known = definitions.get(job.name);
    try {
      if (!known) throw new Error(`no handler for job "${job.name}"`);
      await known.handler(job.payload);
      await database.orm.execute(sql`update jobs set finished_at = now(), locked_until = null where id = ${job.id}`);
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      const dead = job.attempts >= job.max_attempts;
      const delayMs = (known?.backoffMs ?? 1000) * 2 ** (job.attempts - 1);
      log.warn({ job: job.name, jobId: job.id, attempt: job.attempts, dead, err: error }, 'job failed');
      await database.orm.execute(
        dead
          ? sql`update jobs set finished_at = now(), locked_until = null, last_error = ${message} where id = ${job.id}`
          : sql`update jobs set run_at = now() + ${delayMs} * interval '1 millisecond', locked_until = null, last_error = ${message}
                where id = ${job.id}`,
      );
    }
  }

  async function run(): Promise<void> {
    while (running) {
      let claimed: ClaimedJob[] = [];
      try {
        claimed = await claim();
        await Promise.all(claimed.map(work));
      } catch (error) {
        if (running) log.error({ err: error }, 'job runner failed');
      }
      if (claimed.length === 0 && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    define(name, handler, options) {
      definitions.set(name, definition(handler, options));
    },
    async enqueue(name, payload, options = {}) {
      const attempts = definitions.get(name)?.attempts ?? 10;
      await (options.tx ?? database.orm).execute(
        sql`insert into jobs (name, key, payload, run_at, max_attempts)
            values (${name}, ${options.key ?? null}, ${JSON.stringify(payload)}::jsonb,
                    now() + ${options.delayMs ?? 0} * interval '1 millisecond', ${attempts})
            on conflict (key) do nothing`,
      );
      wake?.();
    },
    async start() {
      running = true;
      loop = run();
    },
    async stop() {
      running = false;
      wake?.();
      await loop;
    },
  };
}
