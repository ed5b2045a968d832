import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { type Database, rows, type Tx } from '../db/database.ts';
import type { StoredEvent } from './outbox.ts';

export interface Consumer {
  name: string;
  /**
   * At least this long between two batches that were not full (default 0: at once). Consumers that
   * need no low latency (audit, webhooks) wait, so under load they read the log in bigger batches
   * instead of running a transaction after every commit.
   */
  paceMs?: number;
  /**
   * Receives events in log order. Runs inside the transaction that advances this consumer's cursor,
   * so database writes made with `tx` happen exactly once; anything else must tolerate a redelivery
   * (at least once) and use the event id to stay idempotent.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: most consumers return nothing; a few return what to do after the commit.
  handle(events: StoredEvent[], tx: Tx): Promise<void | AfterCommit>;
}

/** What a consumer does once its batch and cursor have committed (publishing what it numbered, say). */
export type AfterCommit = () => void;

interface EventRow {
  id: string;
  event_id: string;
  txid: string;
  workspace_id: string;
  aggregate_type: string;
  aggregate_id: string;
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  created_at: string | Date;
}

/**
 * Delivers the event log to consumers, in generations. A generation is every event whose transaction
 * committed between the cursor's snapshot and a new snapshot of the database: exactly the events not
 * visible in the old one and visible in the new one, found through `txid` (in progress at the old
 * snapshot, or started after it) and delivered in id order, page by page. Nothing committed late is
 * ever skipped, and no unrelated long transaction — even in another database of the cluster — holds
 * delivery back. Per aggregate the order holds too: writers of one aggregate are serialised by its
 * sequence row, so a later event is visible only with the earlier ones and has a larger id.
 * A cursor row is locked while its batch is handled (SKIP LOCKED), so with several nodes each
 * consumer still runs on one at a time.
 */
export class Dispatcher {
  private readonly consumers: Consumer[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  /** Per consumer: wakes its loop's sleep, and whether a wake came while it was busy. */
  private readonly wakes = new Map<string, { wake?: () => void; pending: boolean }>();

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
    private readonly options: { pollMs: number; batchSize: number } = { pollMs: 250, batchSize: 200 },
  ) {}

  register(consumer: Consumer): void {
    this.consumers.push(consumer);
  }

  /** Each consumer runs in a loop of its own, so a slow one (webhooks) never holds back another (realtime). */
  async start(): Promise<void> {
    for (const consumer of this.consumers) {
      await this.database.orm.execute(
        sql`insert into event_cursors (consumer) values (${consumer.name}) on conflict (consumer) do nothing`,
      );
    }
    this.running = true;
    this.loops = this.consumers.map((consumer) => this.run(consumer));
  }

  /** Wakes the loops now instead of at the next poll. */
  nudge(): void {
    for (const state of this.wakes.values()) {
      state.pending = true;
      state.wake?.();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await Promise.all(this.loops);
  }

  /**
   * Delivers everything committed before the call to every consumer; for shutdown and tests. It
   * finishes the generation under way, then runs one whole generation that starts after the call,
   * waiting for a cursor another worker holds instead of skipping it.
   */
  async drain(): Promise<void> {
    for (const consumer of this.consumers) {
      for (let generation = 0; generation < 2; generation++) {
        while (await this.deliverBatch(consumer, { waitForLock: true })) {}
      }
    }
  }

  private async run(consumer: Consumer): Promise<void> {
    const state: { wake?: () => void; pending: boolean } = { pending: false };
    this.wakes.set(consumer.name, state);
    let failures = 0;
    while (this.running) {
      state.pending = false;
      let full = false;
      try {
        full = await this.deliverBatch(consumer);
        failures = 0;
      } catch (error) {
        failures++;
        const delay = Math.min(30_000, 100 * 2 ** failures);
        if (this.running) this.log.error({ err: error, consumer: consumer.name, retryInMs: delay }, 'event consumer failed');
        await this.sleep(state, delay);
        continue;
      }
      if (full || !this.running) continue;
      if (consumer.paceMs) await this.sleep({}, consumer.paceMs);
      if (!state.pending && this.running) await this.sleep(state, this.options.pollMs);
    }
    this.wakes.delete(consumer.name);
  }

  private sleep(state: { wake?: () => void }, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        state.wake = undefined;
        resolve();
      }
      state.wake = done;
    });
  }

  /**
   * One page of the consumer's current generation, handled in the cursor's transaction. Returns
   * whether the generation has more (the loop goes on at once) or is finished.
   */
  private async deliverBatch(consumer: Consumer, options: { waitForLock?: boolean } = {}): Promise<boolean> {
    const { batchSize } = this.options;
    /** How many ids a later page looks at: the generation's own, and few others committed meanwhile. */
    const window = batchSize * 4;
    let afterCommit: AfterCommit | undefined;
    const more = await this.database.orm.transaction(async (tx) => {
      // Waiting for the lock inside the main statement would pair the cursor row as the other worker
      // left it with this statement's older snapshot; so wait first, then read with a fresh snapshot.
      if (options.waitForLock) await tx.execute(sql`select 1 from event_cursors where consumer = ${consumer.name} for update`);
      const lock = sql`for update skip locked`;
      const columns = sql`id, event_id, txid::text, workspace_id, aggregate_type, aggregate_id, sequence, type, payload, created_at`;
      const inGeneration = sql`(txid >= pg_snapshot_xmax(cursor.snapshot::pg_snapshot) or txid = any(array(select pg_snapshot_xip(cursor.snapshot::pg_snapshot))))
        and pg_visible_in_snapshot(txid, cursor.next_snapshot::pg_snapshot)`;
      // The cursor, its next page of events and the cursor's advance past that page, in one statement: per
      // batch that is one round trip where there were two. The new snapshot is this statement's own, so
      // every event it names as committed is visible here. The advance commits with what the consumer writes
      // (or rolls back with it).
      const found = await rows<EventRow & { unfinished: boolean | null }>(
        tx,
        sql`with cursor as (
              select snapshot, coalesce(next_snapshot, pg_current_snapshot()::text) as next_snapshot, event_id, generation_end_id
              from event_cursors where consumer = ${consumer.name} ${lock}
            ), page as materialized (
              select cursor.snapshot as cursor_snapshot, cursor.next_snapshot as cursor_next_snapshot, cursor.event_id as cursor_event_id,
                     cursor.generation_end_id as cursor_end_id, e.generation_end_id as end_id,
                     e.id, e.event_id, e.txid, e.workspace_id, e.aggregate_type, e.aggregate_id, e.sequence, e.type, e.payload, e.created_at
              from cursor
              left join lateral (
                -- A generation's first page: two index scans on txid (started after the old snapshot; in
                -- progress at it), not one OR that PostgreSQL answers by reading the whole log. They read
                -- the whole generation once, so its largest id is noted for the pages after. ("id + 0": a
                -- filter, never an index condition — scanning the primary key for id > 0 reads the whole log.)
                (select * from (select *, max(id) over () as generation_end_id from (
                  select ${columns} from events
                  where cursor.generation_end_id is null and txid >= pg_snapshot_xmax(cursor.snapshot::pg_snapshot)
                    and pg_visible_in_snapshot(txid, cursor.next_snapshot::pg_snapshot) and id + 0 > cursor.event_id
                  union all
                  select ${columns} from events
                  where cursor.generation_end_id is null and txid = any(array(select pg_snapshot_xip(cursor.snapshot::pg_snapshot)))
                    and pg_visible_in_snapshot(txid, cursor.next_snapshot::pg_snapshot) and id + 0 > cursor.event_id
                ) generation) numbered order by id limit ${batchSize})
                union all
                -- The pages after: a window of ids past the last one delivered (up to the generation's
                -- end), so a page reads about its own rows, never the whole generation again.
                (select ${columns}, null from events
                 where cursor.generation_end_id is not null and id > cursor.event_id
                   and id <= least(cursor.generation_end_id, cursor.event_id + ${window}) and ${inGeneration}
                 order by id limit ${batchSize})
              ) e on true
            ), bounds as (
              -- Where this page stops: its last event when full, else the end of what it looked at.
              select count(id) as size, min(cursor_end_id) as cursor_end_id, min(cursor_next_snapshot) as next_snapshot,
                     coalesce(min(cursor_end_id), max(end_id), 0) as end_id,
                     case when count(id) = ${batchSize} then max(id)
                          when min(cursor_end_id) is null then coalesce(max(end_id), 0)
                          else least(min(cursor_end_id), min(cursor_event_id) + ${window}) end as reached
              from page
            ), advanced as (
              -- The generation goes on past this page, or the cursor moves to the new snapshot. A first page
              -- that found nothing leaves the cursor as it was: the next generation, from the same snapshot,
              -- is then exactly what commits from now on, and an idle poll writes nothing.
              update event_cursors
              set snapshot = case when bounds.reached < bounds.end_id then event_cursors.snapshot else bounds.next_snapshot end,
                  next_snapshot = case when bounds.reached < bounds.end_id then bounds.next_snapshot end,
                  event_id = case when bounds.reached < bounds.end_id then bounds.reached else 0 end,
                  generation_end_id = case when bounds.reached < bounds.end_id then bounds.end_id end,
                  updated_at = now()
              from bounds
              where event_cursors.consumer = ${consumer.name} and bounds.next_snapshot is not null
                and not (bounds.size = 0 and bounds.cursor_end_id is null)
              returning bounds.reached < bounds.end_id as unfinished
            )
            select page.id, page.event_id, page.txid, page.workspace_id, page.aggregate_type, page.aggregate_id, page.sequence, page.type,
                   page.payload, page.created_at, (select unfinished from advanced) as unfinished
            from page
            order by page.id`,
      );
      const first = found[0];
      if (!first) return false;
      const batch = first.id === null ? [] : found;
      if (batch.length) afterCommit = (await consumer.handle(batch.map(toStoredEvent), tx)) ?? undefined;
      return first.unfinished === true;
    });
    afterCommit?.();
    return more;
  }
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: Number(row.id),
    eventId: row.event_id,
    txid: row.txid,
    workspaceId: Number(row.workspace_id),
    aggregateType: row.aggregate_type,
    aggregateId: row.aggregate_id,
    sequence: row.sequence,
    type: row.type,
    payload: row.payload,
    createdAt: new Date(row.created_at),
  };
}

/** Events a consumer has not received yet (as SQL over `events e` and `event_cursors c`). */
export const undelivered = sql`(
  (e.txid >= pg_snapshot_xmax(c.snapshot::pg_snapshot) or e.txid in (select pg_snapshot_xip(c.snapshot::pg_snapshot)))
  and not (c.next_snapshot is not null and pg_visible_in_snapshot(e.txid, c.next_snapshot::pg_snapshot) and e.id <= c.event_id))`;

/** How far behind the slowest consumer is: events not yet delivered and the age of the oldest. */
export async function outboxLag(database: Database): Promise<{ events: number; seconds: number }> {
  const [lag] = await rows<{ events: string; seconds: number | null }>(
    database.orm,
    sql`select count(*) as events, extract(epoch from now() - min(e.created_at))::float8 as seconds
        from events e
        where exists (select 1 from event_cursors c where ${undelivered})`,
  );
  return { events: Number(lag?.events ?? 0), seconds: lag?.seconds ?? 0 };
}
