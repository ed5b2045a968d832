import type { Executor } from '../db/database.ts';

/** Background work, behind one interface: a PostgreSQL table when embedded, BullMQ when REDIS_URL is set. */
export type JobHandler = (payload: Record<string, unknown>) => Promise<void>;

export interface JobOptions {
  /** Deduplicates: a second job with the same key is ignored while the first exists. */
  key?: string;
  delayMs?: number;
  /**
   * The caller's open transaction: when jobs live in the database the job commits with it (and on
   * PGlite's single connection nothing else could run meanwhile). BullMQ ignores it.
   */
  tx?: Executor;
}

export interface JobDefinition {
  handler: JobHandler;
  attempts: number;
  /** First retry delay; doubles at each attempt. */
  backoffMs: number;
}

export interface Jobs {
  define(name: string, handler: JobHandler, options?: Partial<Omit<JobDefinition, 'handler'>>): void;
  enqueue(name: string, payload: Record<string, unknown>, options?: JobOptions): Promise<void>;
  /** Starts working jobs in this process (the worker role). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function definition(handler: JobHandler, options?: Partial<Omit<JobDefinition, 'handler'>>): JobDefinition {
  return { handler, attempts: options?.attempts ?? 10, backoffMs: options?.backoffMs ?? 1000 };
}
