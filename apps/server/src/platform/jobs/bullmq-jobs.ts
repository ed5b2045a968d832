import { createHash } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import type { FastifyBaseLogger } from 'fastify';
import { definition, type JobDefinition, type Jobs } from './jobs.ts';

/** Jobs on Redis through BullMQ: one queue, job names routed to their handlers. */
export function createBullmqJobs(redisUrl: string, prefix: string, log: FastifyBaseLogger): Jobs {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue('jobs', { connection, prefix });
  const definitions = new Map<string, JobDefinition>();
  let worker: Worker | undefined;
  queue.on('error', (error) => log.warn({ err: error }, 'job queue connection error'));

  return {
    define(name, handler, options) {
      definitions.set(name, definition(handler, options));
    },
    async enqueue(name, payload, options = {}) {
      const known = definitions.get(name);
      await queue.add(name, payload, {
        // BullMQ refuses ids that are integers or contain one colon: use a digest of the key.
        jobId: options.key === undefined ? undefined : `key-${createHash('sha256').update(options.key).digest('base64url')}`,
        delay: options.delayMs,
        attempts: known?.attempts ?? 10,
        backoff: { type: 'exponential', delay: known?.backoffMs ?? 1000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      });
    },
    async start() {
      worker = new Worker(
        'jobs',
        async (job) => {
          const known = definitions.get(job.name);
          if (!known) throw new Error(`no handler for job "${job.name}"`);
          await known.handler(job.data);
        },
        { connection, prefix, concurrency: 20 },
      );
      worker.on('error', (error) => log.warn({ err: error }, 'job worker connection error'));
      worker.on('failed', (job, error) => log.warn({ job: job?.name, jobId: job?.id, err: error }, 'job failed'));
    },
    async stop() {
      await worker?.close();
      await queue.close();
    },
  };
}
