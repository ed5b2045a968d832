import { type SQL, sql } from 'drizzle-orm';
import { type Executor, lastStatement, rows, type Tx } from '../db/database.ts';
import { undelivered } from './dispatcher.ts';

export interface NewEvent {
  workspaceId: number;
  aggregateType: string;
  aggregateId: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface StoredEvent extends NewEvent {
  id: number;
  eventId: string;
  txid: string;
  sequence: number;
  createdAt: Date;
}

/**
 * Appends a domain event inside the caller's transaction: it commits or rolls back with the change
 * it describes. The sequence is per aggregate, so a client can resume a conversation's stream by number.
 */
export async function appendEvent(tx: Tx, event: NewEvent): Promise<{ eventId: string; sequence: number }> {
  const [appended] = await appendEvents(tx, [event]);
  if (!appended) throw new Error('appending an event returned no row');
  return appended;
}

const aggregateKey = (workspaceId: number | string, type: string, id: string) => `${workspaceId}\u0000${type}\u0000${id}`;

/**
 * Appends several events in ONE statement, in the order given. Each aggregate's sequence row is
 * upserted once (by how many of its events there are, in key order so concurrent writers cannot
 * deadlock on them) and its events take the consecutive numbers below the new last one; ids follow
 * the order given, so a later event of an aggregate always has a larger id. `alongside` are other
 * data-modifying CTEs (`name as (insert …)`) run in the same statement, so a whole change — its rows
 * and its events — is one round trip. `last`: the statement ends its transaction (db `lastStatement`).
 */
export async function appendEvents(
  tx: Tx,
  events: NewEvent[],
  alongside: SQL[] = [],
  options: { last?: boolean } = {},
): Promise<{ eventId: string; sequence: number }[]> {
  const statement = (query: SQL) => (options.last ? lastStatement(query) : query);
  if (events.length === 0) {
    if (alongside.length) await tx.execute(statement(sql`with ${sql.join(alongside, sql`, `)} select 1`));
    return [];
  }
  const counts = new Map<string, number>();
  const positions = events.map((event) => {
    const key = aggregateKey(event.workspaceId, event.aggregateType, event.aggregateId);
    const position = (counts.get(key) ?? 0) + 1;
    counts.set(key, position);
    return position;
  });
  const eventRows = events.map((event, index) => ({
    ord: index,
    workspace_id: event.workspaceId,
    aggregate_type: event.aggregateType,
    aggregate_id: event.aggregateId,
    k: positions[index],
    n: counts.get(aggregateKey(event.workspaceId, event.aggregateType, event.aggregateId)),
    type: event.type,
    payload: event.payload,
  }));
  const returned = await rows<{ event_id: string; workspace_id: string; aggregate_type: string; aggregate_id: string; sequence: number }>(
    tx,
    statement(sql`with ${alongside.length ? sql`${sql.join(alongside, sql`, `)}, ` : sql``}
        given as (
          select * from jsonb_to_recordset(${JSON.stringify(eventRows)}::jsonb)
            as e(ord int, workspace_id bigint, aggregate_type text, aggregate_id text, k int, n int, type text, payload jsonb)
        ),
        next as (
          insert into aggregate_sequences (workspace_id, aggregate_type, aggregate_id, last_sequence)
          select distinct workspace_id, aggregate_type, aggregate_id, n from given
          order by workspace_id, aggregate_type, aggregate_id
          on conflict (workspace_id, aggregate_type, aggregate_id)
          do update set last_sequence = aggregate_sequences.last_sequence + excluded.last_sequence
          returning workspace_id, aggregate_type, aggregate_id, last_sequence
        ),
        appended as (
          insert into events (workspace_id, aggregate_type, aggregate_id, sequence, type, payload)
          select g.workspace_id, g.aggregate_type, g.aggregate_id, next.last_sequence - g.n + g.k, g.type, g.payload
          from given g
          join next on next.workspace_id = g.workspace_id and next.aggregate_type = g.aggregate_type and next.aggregate_id = g.aggregate_id
          order by g.ord
          returning event_id, workspace_id, aggregate_type, aggregate_id, sequence
        )
        select event_id, workspace_id, aggregate_type, aggregate_id, sequence from appended`),
  );
  if (returned.length !== events.length) throw new Error(`appending ${events.length} events stored ${returned.length}`);
  const byNumber = new Map<string, string>();
  const first = new Map<string, number>();
  for (const row of returned) {
    const key = aggregateKey(row.workspace_id, row.aggregate_type, row.aggregate_id);
    byNumber.set(`${key}\u0000${row.sequence}`, row.event_id);
    first.set(key, Math.min(first.get(key) ?? Number.POSITIVE_INFINITY, row.sequence));
  }
  return events.map((event, index) => {
    const key = aggregateKey(event.workspaceId, event.aggregateType, event.aggregateId);
    const sequence = (first.get(key) as number) + (positions[index] as number) - 1;
    const eventId = byNumber.get(`${key}\u0000${sequence}`);
    if (eventId === undefined) throw new Error('an appended event was not returned');
    return { eventId, sequence };
  });
}

/** Deletes events older than the retention that every consumer has already passed. */
export async function pruneEvents(executor: Executor, retentionDays: number): Promise<number> {
  const deleted = await rows<{ id: string }>(
    executor,
    sql`delete from events e
        where e.created_at < now() - ${retentionDays} * interval '1 day'
          and not exists (select 1 from event_cursors c where ${undelivered})
        returning e.id`,
  );
  return deleted.length;
}
