import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.ts';
import { type Database, openDatabase, rows } from '../../platform/db/database.ts';
import { appendEvent, type StoredEvent } from '../../platform/events/outbox.ts';
import type { Platform } from '../../platform/platform.ts';
import { createLocalPubSub, type PubSub } from '../../platform/pubsub/pubsub.ts';
import type { Client } from './client.ts';
import { numberStreamEvents } from './data.ts';
import { RealtimeHub } from './hub.ts';

let testDatabase: TestDatabase;
let database: Database;
let pubsub: PubSub;
let warnings: string[];

beforeEach(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase({ databaseUrl: testDatabase.env.DATABASE_URL, dataDir: testDatabase.env.DATA_DIR ?? '' });
  warnings = [];
});
afterEach(async () => {
  await pubsub?.close();
  await testDatabase.drop();
});

/** A platform with what the hub uses (in-process pub/sub), whose log keeps every warning. */
function platform(): Platform {
  const silent = pino({ level: 'silent' });
  const log = Object.assign(Object.create(silent), {
    warn: (fields: unknown, message?: string) => void warnings.push(message ?? String(fields)),
  }) as FastifyBaseLogger;
  pubsub = createLocalPubSub();
  return { config: { REDIS_PREFIX: 'hubtest' }, database, pubsub, log } as unknown as Platform;
}

it('lets a gap read under way finish before it closes, so shutting down never queries a closed database', async () => {
  const hub = new RealtimeHub(platform());
  const channel = await hub.join({ workspaceId: 1 } as unknown as Client);
  // An event numbered in the stream but never published to this node: the channel has to read it.
  await database.transaction(async (tx) => {
    await appendEvent(tx, { workspaceId: 1, aggregateType: 'conversation', aggregateId: 'c1', type: 'conversation.updated', payload: {} });
    const [event] = await rows<{ id: string }>(tx, sql`select id from events where aggregate_id = 'c1'`);
    await numberStreamEvents(tx, [{ id: Number(event?.id), workspaceId: 1 } as StoredEvent]);
  });
  // The read (the stream's events, then the conversations they name) is under way when the process shuts down.
  channel.catchUpTo(1);
  await hub.close();
  await database.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(warnings).toEqual([]);
});
