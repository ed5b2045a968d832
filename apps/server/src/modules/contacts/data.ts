import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { type Executor, rows, type Tx } from '../../platform/db/database.ts';
import { recordset } from '../../platform/db/recordset.ts';
import { contactCompanies, contacts } from './tables.ts';
import type { ContactRow } from './intercom-contact.ts';

export type NewContact = typeof contacts.$inferInsert;
export type ContactChanges = Partial<Omit<NewContact, 'workspaceId' | 'id' | 'createdAt'>>;

export async function insertContact(db: Executor, values: NewContact): Promise<ContactRow> {
  const [row] = await db.insert(contacts).values(values).returning();
  return row as ContactRow;
}

export async function findContact(db: Executor, workspaceId: number, id: string): Promise<ContactRow | undefined> {
  const [row] = await db.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)));
  return row;
}

export async function findContactsByIds(db: Executor, workspaceId: number, ids: string[]): Promise<ContactRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), inArray(contacts.id, ids)));
}

/** Users before leads, then the oldest: the unique user wins over any lead sharing the value. */
const usersFirst = [sql`case when ${contacts.role} = 'user' then 0 else 1 end`, asc(contacts.createdAt)];

export async function findContactByExternalId(db: Executor, workspaceId: number, externalId: string, role?: string): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.externalId, externalId), role ? eq(contacts.role, role) : undefined))
    .orderBy(...usersFirst)
    .limit(1);
  return row;
}

export async function findContactByEmail(db: Executor, workspaceId: number, email: string, role?: string): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), sql`lower(${contacts.email}) = lower(${email})`, role ? eq(contacts.role, role) : undefined))
    .orderBy(...usersFirst)
    .limit(1);
  return row;
}

export async function updateContact(db: Executor, workspaceId: number, id: string, changes: ContactChanges): Promise<ContactRow | undefined> {
  const [row] = await db
    .update(contacts)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
    .returning();
  return row;
}

export async function deleteContact(db: Executor, workspaceId: number, id: string): Promise<ContactRow | undefined> {
  await db.delete(contactCompanies).where(and(eq(contactCompanies.workspaceId, workspaceId), eq(contactCompanies.contactId, id)));
  const [row] = await db
    .delete(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.id, id)))
    .returning();
  return row;
}

/** Contacts that are not archived: what lists and searches show unless asked otherwise. */
export const notArchived: SQL = sql`not ${contacts.archived}`;

/** A row's position in the (created_at, id) order, exact to the microsecond. */
const sortKey = sql<string>`(extract(epoch from ${contacts.createdAt}) * 1000000)::bigint::text`;
export interface ContactPosition {
  micros: string;
  id: string;
}
const after = (position: ContactPosition) =>
  sql`(${contacts.createdAt}, ${contacts.id}) > (timestamptz 'epoch' + ${position.micros}::bigint * interval '1 microsecond', ${position.id})`;
const atOrBefore = (position: ContactPosition) =>
  sql`(${contacts.createdAt}, ${contacts.id}) <= (timestamptz 'epoch' + ${position.micros}::bigint * interval '1 microsecond', ${position.id})`;

/** One page of contacts matching `condition`, oldest first, after a position. */
export async function listContacts(
  db: Executor,
  workspaceId: number,
  options: { condition?: SQL; after?: ContactPosition; limit: number },
): Promise<{ row: ContactRow; micros: string }[]> {
  const found = await db
    .select({ row: contacts, micros: sortKey })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), options.condition, options.after ? after(options.after) : undefined))
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(options.limit);
  return found;
}

export async function countContacts(db: Executor, workspaceId: number, options: { condition?: SQL; atOrBefore?: ContactPosition } = {}): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), options.condition, options.atOrBefore ? atOrBefore(options.atOrBefore) : undefined));
  return Number(row?.n ?? 0);
}

/** Whether a contact is in a company; true when newly attached. */
export async function insertMembership(db: Executor, workspaceId: number, contactId: string, companyId: string): Promise<boolean> {
  const inserted = await db.insert(contactCompanies).values({ workspaceId, contactId, companyId }).onConflictDoNothing().returning();
  return inserted.length > 0;
}

export async function deleteMembership(db: Executor, workspaceId: number, contactId: string, companyId: string): Promise<boolean> {
  const deleted = await db
    .delete(contactCompanies)
    .where(and(eq(contactCompanies.workspaceId, workspaceId), eq(contactCompanies.contactId, contactId), eq(contactCompanies.companyId, companyId)))
    .returning();
  return deleted.length > 0;
}

export async function deleteMembershipsOfCompany(db: Executor, workspaceId: number, companyId: string): Promise<string[]> {
  const deleted = await db
    .delete(contactCompanies)
    .where(and(eq(contactCompanies.workspaceId, workspaceId), eq(contactCompanies.companyId, companyId)))
    .returning();
  return deleted.map((row) => row.contactId);
}

export async function membershipsOfContacts(db: Executor, workspaceId: number, contactIds: string[]) {
  if (contactIds.length === 0) return [];
  return db
    .select({ contactId: contactCompanies.contactId, companyId: contactCompanies.companyId })
    .from(contactCompanies)
    .where(and(eq(contactCompanies.workspaceId, workspaceId), inArray(contactCompanies.contactId, contactIds)))
    .orderBy(asc(contactCompanies.createdAt), asc(contactCompanies.companyId));
}

/** The contact of a membership row; with `notArchived`, a company's contacts leave out archived ones (list and `user_count`). */
const memberContact = and(eq(contacts.workspaceId, contactCompanies.workspaceId), eq(contacts.id, contactCompanies.contactId));

export async function contactIdsOfCompany(db: Executor, workspaceId: number, companyId: string, page: { limit: number; offset: number }): Promise<string[]> {
  const found = await db
    .select({ contactId: contactCompanies.contactId })
    .from(contactCompanies)
    .innerJoin(contacts, memberContact)
    .where(and(eq(contactCompanies.workspaceId, workspaceId), eq(contactCompanies.companyId, companyId), notArchived))
    .orderBy(asc(contactCompanies.createdAt), asc(contactCompanies.contactId))
    .limit(page.limit)
    .offset(page.offset);
  return found.map((row) => row.contactId);
}

export async function countContactsOfCompanies(db: Executor, workspaceId: number, companyIds: string[]): Promise<Map<string, number>> {
  if (companyIds.length === 0) return new Map();
  const found = await db
    .select({ companyId: contactCompanies.companyId, n: count() })
    .from(contactCompanies)
    .innerJoin(contacts, memberContact)
    .where(and(eq(contactCompanies.workspaceId, workspaceId), inArray(contactCompanies.companyId, companyIds), notArchived))
    .groupBy(contactCompanies.companyId);
  return new Map(found.map((row) => [row.companyId, Number(row.n)]));
}

/**
 * The notes of each contact, newest first. The notes table belongs to the notes module; this read
 * (like the moves in `moveLeadRecords`) is a deliberate exception so the contact shape can list them
 * without a call per contact.
 */
export async function noteIdsOfContacts(db: Executor, workspaceId: number, contactIds: string[]): Promise<{ contact_id: string; id: string }[]> {
  if (contactIds.length === 0) return [];
  return rows(
    db,
    sql`select contact_id, id::text as id from notes
        where workspace_id = ${workspaceId} and contact_id in (${sql.join(
          contactIds.map((id) => sql`${id}`),
          sql`, `,
        )})
        order by created_at desc, id desc`,
  );
}

/**
 * Merging a lead into a user moves everything that points at the lead. These tables belong to the
 * conversations, data-events (events and imported summaries), notes and tags modules; the merge is the one operation that rewrites
 * their contact ids, so the statements live here, together, in the merge's transaction (a deliberate
 * exception to "a module's SQL stays in its module"). Rows the user already has (same conversation,
 * tag or company) are dropped rather than duplicated.
 */
export async function moveLeadRecords(tx: Tx, workspaceId: number, leadId: string, userId: string): Promise<void> {
  await tx.execute(sql`delete from conversation_contacts l where l.workspace_id = ${workspaceId} and l.contact_id = ${leadId}
      and exists (select 1 from conversation_contacts u where u.workspace_id = l.workspace_id and u.conversation_id = l.conversation_id and u.contact_id = ${userId})`);
  await tx.execute(sql`update conversation_contacts set contact_id = ${userId} where workspace_id = ${workspaceId} and contact_id = ${leadId}`);
  await tx.execute(sql`update conversation_parts set author_id = ${userId}, author_type = 'user'
      where workspace_id = ${workspaceId} and author_id = ${leadId} and author_type in ('user', 'lead', 'contact')`);
  await tx.execute(sql`update conversations set source = jsonb_set(jsonb_set(source, '{author,id}', to_jsonb(${userId}::text)), '{author,type}', '"user"')
      where workspace_id = ${workspaceId} and source->'author'->>'id' = ${leadId} and source->'author'->>'type' in ('user', 'lead', 'contact')`);
  await tx.execute(sql`update data_events set contact_id = ${userId} where workspace_id = ${workspaceId} and contact_id = ${leadId}`);
  await tx.execute(sql`insert into data_event_summaries as s (workspace_id, contact_id, event_name, count, first_at, last_at)
      select workspace_id, ${userId}, event_name, count, first_at, last_at from data_event_summaries where workspace_id = ${workspaceId} and contact_id = ${leadId}
      on conflict (workspace_id, contact_id, event_name) do update
        set count = s.count + excluded.count, first_at = least(s.first_at, excluded.first_at), last_at = greatest(s.last_at, excluded.last_at), updated_at = now()`);
  await tx.execute(sql`delete from data_event_summaries where workspace_id = ${workspaceId} and contact_id = ${leadId}`);
  await tx.execute(sql`update notes set contact_id = ${userId} where workspace_id = ${workspaceId} and contact_id = ${leadId}`);
  await tx.execute(sql`delete from taggings l where l.workspace_id = ${workspaceId} and l.target_type = 'contact' and l.target_id = ${leadId}
      and exists (select 1 from taggings u where u.workspace_id = l.workspace_id and u.tag_id = l.tag_id and u.target_type = 'contact' and u.target_id = ${userId})`);
  await tx.execute(sql`update taggings set target_id = ${userId} where workspace_id = ${workspaceId} and target_type = 'contact' and target_id = ${leadId}`);
  await tx.execute(sql`delete from contact_companies l where l.workspace_id = ${workspaceId} and l.contact_id = ${leadId}
      and exists (select 1 from contact_companies u where u.workspace_id = l.workspace_id and u.company_id = l.company_id and u.contact_id = ${userId})`);
  await tx.execute(sql`update contact_companies set contact_id = ${userId} where workspace_id = ${workspaceId} and contact_id = ${leadId}`);
}

/** When a contact last wrote in a conversation (`repliedAt`) or a teammate last wrote to it (`contactedAt`). */
export interface ContactTouch {
  workspaceId: number;
  contactId: string;
  repliedAt?: string;
  contactedAt?: string;
}

/**
 * A data-modifying CTE (`name as (update contacts …)`) setting `last_replied_at` / `last_contacted_at`
 * of every touched contact in one set-based UPDATE, for the caller to run inside its own statement
 * (the conversation write path carries it alongside its parts and events). One row per contact (the
 * latest time of each kind wins); a time never moves a timestamp backwards. `updated_at` is left
 * alone: these are activity times, not edits of the contact.
 */
export function touchContactsCte(name: string, touches: ContactTouch[]): SQL | undefined {
  const given = touches
    .filter((touch) => touch.repliedAt !== undefined || touch.contactedAt !== undefined)
    .map((touch) => ({ workspace_id: touch.workspaceId, id: touch.contactId, replied_at: touch.repliedAt ?? null, contacted_at: touch.contactedAt ?? null }));
  if (given.length === 0) return undefined;
  return sql`${sql.identifier(name)} as (
    update contacts c
    set last_replied_at = greatest(c.last_replied_at, t.replied_at),
        last_contacted_at = greatest(c.last_contacted_at, t.contacted_at)
    from (select workspace_id, id, max(replied_at) as replied_at, max(contacted_at) as contacted_at
          from ${recordset(given, 'workspace_id bigint, id text, replied_at timestamptz, contacted_at timestamptz')} as g
          group by workspace_id, id) t
    where c.workspace_id = t.workspace_id and c.id = t.id)`;
}
