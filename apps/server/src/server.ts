import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { type Config, ConfigError } from './platform/config.ts';
import { createKeyring, loadMasterKey } from './platform/crypto/keyring.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { Dispatcher } from './platform/events/dispatcher.ts';
import { pruneEvents } from './platform/events/outbox.ts';
import { createBullmqJobs } from './platform/jobs/bullmq-jobs.ts';
import type { Jobs } from './platform/jobs/jobs.ts';
import { defineRecurring } from './platform/jobs/recurring.ts';
import { wakeSnoozedConversations } from './modules/conversations/manage-parts.ts';
import { createTableJobs } from './platform/jobs/table-jobs.ts';
import { createLogger } from './platform/log.ts';
import type { Platform } from './platform/platform.ts';
import { createLocalPubSub, createRedisPubSub, type PubSub } from './platform/pubsub/pubsub.ts';
import { auditConsumer } from './modules/audit/consumer.ts';
import { webhooksConsumer } from './modules/webhooks/consumer.ts';
import { deliverJobName, deliverNotificationJob, jobAttempts } from './modules/webhooks/deliver-notification.ts';
import { pruneWebhookDeliveries } from './modules/webhooks/deliveries.ts';
import { pruneAnonymousVisitors } from './modules/messenger/prune-visitors.ts';
import { pruneIdempotencyKeys } from './platform/idempotency/idempotency-keys.ts';
import { pruneSessions } from './modules/teammates/sessions.ts';
import { type DemoCredentials, provision } from './modules/workspaces/provisioning.ts';
import { realtimeConsumer } from './modules/realtime/consumer.ts';
import { pruneStreamEvents } from './modules/realtime/data.ts';
import { RealtimeHub } from './modules/realtime/hub.ts';
import { attachRealtime, type RealtimeServer } from './modules/realtime/socket-server.ts';

export interface RunningServer {
  app: FastifyInstance;
  platform: Platform;
  url: string;
  demo: DemoCredentials | undefined;
  masterKeyGenerated: boolean;
  realtime: RealtimeServer;
  close(): Promise<void>;
}


function ensureDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw new ConfigError('DATA_DIR', `${dir} is not a writable directory (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
}

async function connectPubSub(config: Config, log: Platform['log']): Promise<PubSub> {
  if (!config.REDIS_URL) return createLocalPubSub();
  try {
    return await createRedisPubSub(config.REDIS_URL, log);
  } catch (error) {
    throw new ConfigError('REDIS_URL', `cannot connect to Redis at ${new URL(config.REDIS_URL).host}: ${(error as Error).message}`);
  }
}

/** Wires the platform, provisions, and serves HTTP; with ROLE worker or all, also runs the dispatcher and jobs. */
export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.LOG_LEVEL);
  ensureDataDir(config.dataDir);
  const { key, generated } = loadMasterKey(config.MASTER_KEY, config.dataDir);
  const keyring = createKeyring(key, config.MASTER_KEY_PREVIOUS);

  const database: Database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  const closers: (() => Promise<unknown>)[] = [() => database.close()];
  try {
    const pubsub = await connectPubSub(config, log);
    closers.unshift(() => pubsub.close());
    const jobs: Jobs = config.REDIS_URL ? createBullmqJobs(config.REDIS_URL, config.REDIS_PREFIX, log) : createTableJobs(database, log);
    const dispatcher = new Dispatcher(database, log);
    const outboxChannel = `${config.REDIS_PREFIX}:outbox`;
    const platform: Platform = { config, database, keyring, dispatcher, jobs, pubsub, log };

    const hub = new RealtimeHub(platform);
    closers.unshift(() => hub.close());
    dispatcher.register(realtimeConsumer(platform, hub));
    dispatcher.register(auditConsumer);
    dispatcher.register(webhooksConsumer(platform));
    jobs.define(deliverJobName, deliverNotificationJob(platform), { attempts: jobAttempts });
    const recurring = [
      defineRecurring(jobs, 'maintenance.prune', 3600_000, async () => {
        await pruneEvents(database.orm, 7);
        await pruneStreamEvents(database.orm, 7);
        await pruneSessions(database.orm);
        await pruneIdempotencyKeys(database.orm);
        await pruneWebhookDeliveries(database.orm);
      }),
      defineRecurring(jobs, 'conversations.wake_snoozed', 15_000, () => wakeSnoozedConversations(platform)),
      defineRecurring(jobs, 'messenger.prune_visitors', 86_400_000, () => pruneAnonymousVisitors(database.orm)),
    ];

    // After each commit, wake the dispatcher here and, across nodes, wherever it runs.
    let nudgeQueued = false;
    database.onCommit(() => {
      dispatcher.nudge();
      if (!config.REDIS_URL || nudgeQueued) return;
      nudgeQueued = true;
      queueMicrotask(() => {
        nudgeQueued = false;
        pubsub.publish(outboxChannel, '').catch(() => {});
      });
    });

    const demo = await provision(platform);
    const app = await buildApp(platform);
    closers.unshift(() => app.close());
    const realtime = attachRealtime(app.server, platform, hub);
    closers.unshift(() => realtime.close());
    try {
      await app.listen({ port: config.PORT, host: config.HOST });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new ConfigError('PORT', `${config.PORT} is already in use on ${config.HOST}`);
      if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new ConfigError('HOST', `cannot listen on "${config.HOST}" (${code})`);
      if (code === 'EACCES') throw new ConfigError('PORT', `${config.PORT} needs privileges to listen on`);
      throw error;
    }

    if (config.ROLE !== 'api') {
      await dispatcher.start();
      closers.unshift(() => dispatcher.stop());
      if (config.REDIS_URL) {
        const unsubscribe = await pubsub.subscribe(outboxChannel, () => dispatcher.nudge());
        closers.unshift(unsubscribe);
      }
      await jobs.start();
      for (const schedule of recurring) await schedule();
    }
    closers.unshift(() => jobs.stop());

    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST}:${port}`;
    config.publicUrl = url.replace(/\/$/, '');
    let closed: Promise<void> | undefined;
    return {
      app,
      platform,
      url,
      demo,
      masterKeyGenerated: generated,
      realtime,
      close: () => {
        closed ??= (async () => {
          for (const close of closers) await close().catch((error) => log.warn({ err: error }, 'error while shutting down'));
        })();
        return closed;
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => {});
    throw error;
  }
}
