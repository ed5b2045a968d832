import { type SQL, sql } from 'drizzle-orm';
import { type Executor, rows, type Tx } from '../../platform/db/database.ts';
import type { StoredEvent } from '../../platform/events/outbox.ts';

/**
 * Numbers events in their workspaces' teammate streams, in the order given, in one statement: each
 * workspace's counter moves by its count and its events take the numbers below the new last one.
 * Only the realtime consumer calls this (one node at a time holds its cursor), so numbers follow
 * delivery order without gaps.
 */
export async function numberStreamEvents(tx: Tx, events: StoredEvent[]): Promise<number[]> {
  const counts = new Map<number, number>();
  const given = events.map((event) => {
    const k = (counts.get(event.workspaceId) ?? 0) + 1;
    counts.set(event.workspaceId, k);
    return { workspace_id: event.workspaceId, k, event_id: event.id };
  });
  const lasts = await rows<{ workspace_id: string; last_seq: string }>(
    tx,
    sql`with given as (
          select * from jsonb_to_recordset(${JSON.stringify(given)}::jsonb) as g(workspace_id bigint, k int, event_id bigint)
        ),
        counts as (select workspace_id, count(*)::bigint as n from given group by workspace_id),
        bumped as (
          insert into realtime_streams as s (workspace_id, last_seq)
          select workspace_id, n from counts order by workspace_id
          on conflict (workspace_id) do update set last_seq = s.last_seq + excluded.last_seq
          returning workspace_id, last_seq
        ),
        entries as (
          insert into realtime_stream_events (workspace_id, seq, event_id)
          select g.workspace_id, b.last_seq - c.n + g.k, g.event_id
          from given g join bumped b using (workspace_id) join counts c using (workspace_id)
        )
        select workspace_id, last_seq from bumped`,
  );
  const firsts = new Map(lasts.map((row) => [Number(row.workspace_id), Number(row.last_seq) - (counts.get(Number(row.workspace_id)) ?? 0)]));
  return given.map((entry) => (firsts.get(entry.workspace_id) ?? 0) + entry.k);
}

interface EventRow {
  id: string;
  event_id: string;
  workspace_id: string;
  aggregate_type: string;
  aggregate_id: string;
  sequence: number;
  type: string;
  payload: Record<string, unknown>;
  created_at: string | Date;
  stream_seq?: string;
}

const toEvent = (row: EventRow): StoredEvent & { streamSeq?: number } => ({
  id: Number(row.id),
  eventId: row.event_id,
  txid: '',
  workspaceId: Number(row.workspace_id),
  aggregateType: row.aggregate_type,
  aggregateId: row.aggregate_id,
  sequence: row.sequence,
  type: row.type,
  payload: row.payload,
  createdAt: new Date(row.created_at),
  ...(row.stream_seq === undefined ? {} : { streamSeq: Number(row.stream_seq) }),
});

const eventColumns = sql`e.id, e.event_id, e.workspace_id, e.aggregate_type, e.aggregate_id, e.sequence, e.type, e.payload, e.created_at`;

/** A workspace's teammate stream after `after`, in order (at most `limit`). */
export async function streamEventsAfter(db: Executor, workspaceId: number, after: number, limit: number) {
  const found = await rows<EventRow>(
    db,
    sql`select ${eventColumns}, r.seq as stream_seq
        from realtime_stream_events r join events e on e.id = r.event_id
        where r.workspace_id = ${workspaceId} and r.seq > ${after}
        order by r.seq limit ${limit}`,
  );
  return found.map(toEvent) as (StoredEvent & { streamSeq: number })[];
}

/** The oldest number the teammate stream still keeps (events are pruned), or null when it has none. */
export async function oldestStreamSeq(db: Executor, workspaceId: number): Promise<number | null> {
  const [row] = await rows<{ seq: string | null }>(db, sql`select min(seq) as seq from realtime_stream_events where workspace_id = ${workspaceId}`);
  return row?.seq == null ? null : Number(row.seq);
}

/** The last number of a workspace's teammate stream (0 before its first event), as a scalar subquery. */
export function streamHeadExpression(workspaceId: number): SQL {
  return sql`coalesce((select last_seq from realtime_streams where workspace_id = ${workspaceId}), 0)`;
}

/** The last number of each workspace's teammate stream. */
export async function streamHeads(db: Executor, workspaceIds: number[]): Promise<Map<number, number>> {
  if (workspaceIds.length === 0) return new Map();
  const found = await rows<{ workspace_id: string; last_seq: string }>(
    db,
    sql`select workspace_id, last_seq from realtime_streams where workspace_id in (${sql.join(workspaceIds.map((id) => sql`${id}`), sql`, `)})`,
  );
  return new Map(found.map((row) => [Number(row.workspace_id), Number(row.last_seq)]));
}

/** A conversation's events after sequence `after`, in order (at most `limit`). */
export async function conversationEventsAfter(db: Executor, workspaceId: number, conversationId: string, after: number, limit: number) {
  const found = await rows<EventRow>(
    db,
    sql`select ${eventColumns} from events e
        where e.workspace_id = ${workspaceId} and e.aggregate_type = 'conversation' and e.aggregate_id = ${conversationId}
          and e.sequence > ${after}
        order by e.sequence limit ${limit}`,
  );
  return found.map(toEvent);
}

/** The oldest sequence of a conversation the event log still keeps (null when none). */
export async function oldestConversationSeq(db: Executor, workspaceId: number, conversationId: string): Promise<number | null> {
  const [row] = await rows<{ oldest: number | null }>(
    db,
    sql`select min(sequence) as oldest from events
        where workspace_id = ${workspaceId} and aggregate_type = 'conversation' and aggregate_id = ${conversationId}`,
  );
  return row?.oldest ?? null;
}

/** The conversation's last sequence number (0 before its first event). */
export async function conversationHead(db: Executor, workspaceId: number, conversationId: string): Promise<number> {
  const [row] = await rows<{ last_sequence: number }>(
    db,
    sql`select last_sequence from aggregate_sequences
        where workspace_id = ${workspaceId} and aggregate_type = 'conversation' and aggregate_id = ${conversationId}`,
  );
  return row?.last_sequence ?? 0;
}

/** Drops stream entries whose events are gone (pruned by time with the event log). */
export async function pruneStreamEvents(db: Executor, retentionDays: number): Promise<void> {
  await db.execute(sql`delete from realtime_stream_events where created_at < now() - ${retentionDays} * interval '1 day'`);
}

/**
 * The contact a Messenger visitor is (null while anonymous). Read here rather than through the messenger
 * module because the socket layer needs only this one column, on every subscribe.
 */
export async function visitorContactId(db: Executor, workspaceId: number, visitorId: string): Promise<string | null> {
  const [row] = await rows<{ contact_id: string | null }>(
    db,
    sql`select contact_id from messenger_visitors where workspace_id = ${workspaceId} and id = ${visitorId}`,
  );
  return row?.contact_id ?? null;
}
