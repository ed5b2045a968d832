import { sql } from 'drizzle-orm';
import { type Executor, rows, type Tx } from '../db/database.ts';
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
  const [row] = await rows<{ event_id: string; sequence: number }>(
    tx,
    sql`with next as (
          insert into aggregate_sequences (workspace_id, aggregate_type, aggregate_id, last_sequence)
          values (${event.workspaceId}, ${event.aggregateType}, ${event.aggregateId}, 1)
          on conflict (workspace_id, aggregate_type, aggregate_id)
          do update set last_sequence = aggregate_sequences.last_sequence + 1
          returning last_sequence
        )
        insert into events (workspace_id, aggregate_type, aggregate_id, sequence, type, payload)
        select ${event.workspaceId}, ${event.aggregateType}, ${event.aggregateId}, last_sequence, ${event.type}, ${JSON.stringify(event.payload)}::jsonb
        from next
        returning event_id, sequence`,
  );
  if (!row) throw new Error('appending an event returned no row');
  return { eventId: row.event_id, sequence: row.sequence };
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
