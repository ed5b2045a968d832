import type { Jobs } from './jobs.ts';

/**
 * A job that runs once per period across all nodes: the end of the period is the job's key, so every
 * node may schedule it and it still runs once. Each run schedules the next. Returns the scheduler,
 * to call when a worker starts.
 */
export function defineRecurring(jobs: Jobs, name: string, everyMs: number, work: () => Promise<unknown>): () => Promise<void> {
  const schedule = async () => {
    const next = Math.ceil((Date.now() + 1) / everyMs) * everyMs;
    await jobs.enqueue(name, {}, { key: `${name}-${next}`, delayMs: next - Date.now() });
  };
  jobs.define(name, async () => {
    try {
      await work();
    } finally {
      await schedule();
    }
  });
  return schedule;
}
