import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.ts';
import { auditConsumer } from '../../modules/audit/consumer.ts';
import { type Database, openDatabase, rows } from '../db/database.ts';
import { type Consumer, Dispatcher } from './dispatcher.ts';
import { appendEvent, type StoredEvent } from './outbox.ts';

const silent = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
let testDatabase: TestDatabase;
let database: Database;
let dispatcher: Dispatcher | undefined;

beforeEach(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase({ databaseUrl: testDatabase.env.DATABASE_URL, dataDir: testDatabase.env.DATA_DIR ?? '' });
});
afterEach(async () => {
  await dispatcher?.stop();
  dispatcher = undefined;
  await database.close();
  await testDatabase.drop();
});

function recorder(name: string): Consumer & { seen: StoredEvent[] } {
  const seen: StoredEvent[] = [];
  return { name, seen, handle: async (events) => void seen.push(...events) };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 800 && !check(); i++) await pause(25);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

function append(tx: Parameters<typeof appendEvent>[0], aggregateId: string, n: number) {
  return appendEvent(tx, { workspaceId: 1, aggregateType: 'conversation', aggregateId, type: 'test.happened', payload: { n } });
}

describe('the event dispatcher', () => {
  it('delivers every event once, in order per aggregate, while writers commit concurrently', async () => {
    const consumer = recorder('recorder');
    dispatcher = new Dispatcher(database, silent, { pollMs: 20, batchSize: 7 });
    dispatcher.register(consumer);
    await dispatcher.start();
    const writers = Array.from({ length: 60 }, (_, n) =>
      database.transaction(async (tx) => {
        await append(tx, `c${n % 3}`, n);
        // Hold some transactions open so that commits finish out of id order on a server database.
        await pause((n * 7) % 30);
        await append(tx, `c${n % 3}`, n);
      }),
    );
    await Promise.all(writers);
    await waitFor(() => consumer.seen.length >= 120, '120 events');
    await dispatcher.drain();
    expect(consumer.seen).toHaveLength(120);
    expect(new Set(consumer.seen.map((event) => event.eventId)).size).toBe(120);
    for (const aggregate of ['c0', 'c1', 'c2']) {
      const sequences = consumer.seen.filter((event) => event.aggregateId === aggregate).map((event) => event.sequence);
      expect(sequences).toEqual(sequences.map((_, index) => index + 1));
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'reads a generation many pages long a window of ids at a time, skipping the ids of other generations (server PostgreSQL: two open transactions)',
    async () => {
      // A long transaction takes the first ids, a short one takes later ids and commits first: the long
      // one's generation comes next and its ids are interleaved with ids it has already passed.
      let releaseLong!: () => void;
      const longHeld = new Promise<void>((resolve) => (releaseLong = resolve));
      const long = database.transaction(async (tx) => {
        for (let n = 0; n < 30; n++) await append(tx, 'long', n);
        await longHeld;
        for (let n = 30; n < 200; n++) await append(tx, 'long', n);
      });
      await pause(50);
      await database.transaction(async (tx) => {
        for (let n = 0; n < 40; n++) await append(tx, 'short', n);
      });
      const consumer = recorder('recorder');
      dispatcher = new Dispatcher(database, silent, { pollMs: 20, batchSize: 6 });
      dispatcher.register(consumer);
      await dispatcher.start();
      await waitFor(() => consumer.seen.length >= 40, 'the short transaction');
      releaseLong();
      await long;
      await waitFor(() => consumer.seen.length >= 240, '240 events');
      await dispatcher.drain();
      expect(new Set(consumer.seen.map((event) => event.eventId)).size).toBe(240);
      expect(consumer.seen).toHaveLength(240);
      for (const aggregate of ['long', 'short']) {
        const payloads = consumer.seen.filter((event) => event.aggregateId === aggregate).map((event) => event.payload.n);
        expect(payloads).toEqual(payloads.map((_, index) => index));
      }
    },
  );
  it('a failing consumer is retried from its cursor and does not hold back the others', async () => {
    const healthy = recorder('healthy');
    let failuresLeft = 3;
    const flaky: Consumer & { seen: StoredEvent[] } = {
      name: 'flaky',
      seen: [],
      async handle(events) {
        if (failuresLeft-- > 0) throw new Error('downstream unavailable');
        this.seen.push(...events);
      },
    };
    dispatcher = new Dispatcher(database, silent, { pollMs: 20, batchSize: 50 });
    dispatcher.register(flaky);
    dispatcher.register(healthy);
    await dispatcher.start();
    await database.transaction(async (tx) => {
      for (let n = 1; n <= 5; n++) await append(tx, 'c1', n);
    });
    await waitFor(() => healthy.seen.length === 5, 'the healthy consumer');
    expect(flaky.seen).toHaveLength(0);
    await waitFor(() => flaky.seen.length === 5, 'the flaky consumer to recover');
    expect(flaky.seen.map((event) => event.payload.n)).toEqual([1, 2, 3, 4, 5]);
  });

  it('a change that rolls back publishes nothing', async () => {
    const consumer = recorder('recorder');
    dispatcher = new Dispatcher(database, silent, { pollMs: 20, batchSize: 50 });
    dispatcher.register(consumer);
    await dispatcher.start();
    await expect(
      database.transaction(async (tx) => {
        await append(tx, 'c1', 1);
        throw new Error('validation failed after the event was appended');
      }),
    ).rejects.toThrow('validation failed');
    await database.transaction((tx) => append(tx, 'c1', 2));
    await waitFor(() => consumer.seen.length === 1, 'the committed event');
    await dispatcher.drain();
    expect(consumer.seen.map((event) => [event.payload.n, event.sequence])).toEqual([[2, 1]]);
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'delivers a younger event while an older transaction is open, and the older one when it commits (server PostgreSQL: PGlite has one connection)',
    async () => {
      const consumer = recorder('recorder');
      dispatcher = new Dispatcher(database, silent, { pollMs: 10_000, batchSize: 50 });
      dispatcher.register(consumer);
      await dispatcher.start();
      let releaseOld!: () => void;
      let oldCommitted!: Promise<unknown>;
      await new Promise<void>((started) => {
        oldCommitted = database.transaction(async (tx) => {
          await append(tx, 'old', 1);
          started();
          await new Promise<void>((resolve) => (releaseOld = resolve));
        });
      });
      await database.transaction((tx) => append(tx, 'young', 1));
      await dispatcher.drain();
      // An open transaction holds nothing back, and its uncommitted event is not delivered.
      expect(consumer.seen.map((event) => event.aggregateId)).toEqual(['young']);
      releaseOld();
      await oldCommitted;
      await dispatcher.drain();
      expect(consumer.seen.map((event) => event.aggregateId)).toEqual(['young', 'old']);
      await dispatcher.drain();
      expect(consumer.seen).toHaveLength(2);
    },
  );

  it('an idle poll writes nothing, and what commits after it is delivered from the same cursor', async () => {
    const consumer = recorder('recorder');
    dispatcher = new Dispatcher(database, silent, { pollMs: 10, batchSize: 50 });
    dispatcher.register(consumer);
    await dispatcher.start();
    await database.transaction((tx) => append(tx, 'c1', 1));
    await waitFor(() => consumer.seen.length === 1, 'the first event');
    await dispatcher.drain();
    const cursor = () => rows<{ snapshot: string; updated_at: string }>(database.orm, sql`select snapshot, updated_at::text from event_cursors where consumer = 'recorder'`);
    const before = await cursor();
    await pause(200);
    expect(await cursor()).toEqual(before);
    await database.transaction((tx) => append(tx, 'c1', 2));
    await waitFor(() => consumer.seen.length === 2, 'the second event');
    await dispatcher.drain();
    expect(consumer.seen.map((event) => event.payload.n)).toEqual([1, 2]);
    expect((await cursor())[0]?.snapshot).not.toBe(before[0]?.snapshot);
  });

  it('a redelivered event changes nothing for a consumer keyed by event id', async () => {
    await database.transaction((tx) =>
      appendEvent(tx, { workspaceId: 1, aggregateType: 'teammate', aggregateId: '1', type: 'teammate.logged_in', payload: { actor_id: 1, ip: '127.0.0.1' } }),
    );
    const [row] = await rows<{ event_id: string; created_at: Date }>(database.orm, sql`select event_id, created_at from events`);
    const event: StoredEvent = {
      id: 1,
      eventId: row?.event_id ?? '',
      txid: '1',
      workspaceId: 1,
      aggregateType: 'teammate',
      aggregateId: '1',
      sequence: 1,
      type: 'teammate.logged_in',
      payload: { actor_id: 1, ip: '127.0.0.1' },
      createdAt: new Date(),
    };
    await database.transaction((tx) => auditConsumer.handle([event], tx));
    await database.transaction((tx) => auditConsumer.handle([event, event], tx));
    const audit = await rows<{ action: string }>(database.orm, sql`select action from audit_events`);
    expect(audit).toEqual([{ action: 'admin_login_success' }]);
  });
});
