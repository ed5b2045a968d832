import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.ts';
import type { Keyring } from './crypto/keyring.ts';
import type { Database } from './db/database.ts';
import type { Dispatcher } from './events/dispatcher.ts';
import type { Jobs } from './jobs/jobs.ts';
import type { PubSub } from './pubsub/pubsub.ts';

/** The shared machinery every module's services receive. */
export interface Platform {
  config: Config;
  database: Database;
  keyring: Keyring;
  dispatcher: Dispatcher;
  jobs: Jobs;
  pubsub: PubSub;
  log: FastifyBaseLogger;
}

/** Where a request came from, for the audit log and throttling. */
export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}
