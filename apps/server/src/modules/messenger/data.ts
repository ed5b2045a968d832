import { and, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import { type Executor, rows, type Tx } from '../../platform/db/database.ts';
import { contacts } from '../contacts/tables.ts';
import type { ContactRow } from '../contacts/service.ts';
import { attachments, messengerSettings, messengerVisitors } from './tables.ts';

export type SettingsRow = typeof messengerSettings.$inferSelect;
export type VisitorRow = typeof messengerVisitors.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
export type VisitorChanges = Partial<Omit<typeof messengerVisitors.$inferInsert, 'workspaceId' | 'id' | 'createdAt'>>;

export async function findSettings(db: Executor, workspaceId: number): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(messengerSettings).where(eq(messengerSettings.workspaceId, workspaceId));
  return row;
}

export async function saveSettings(tx: Tx, workspaceId: number, settings: unknown): Promise<void> {
  await tx
    .insert(messengerSettings)
    .values({ workspaceId, settings })
    .onConflictDoUpdate({ target: messengerSettings.workspaceId, set: { settings, updatedAt: sql`now()` } });
}

/** Replaces the identity-verification secret (made now: identities verified before must verify again). */
export async function saveIdentitySecret(tx: Tx, workspaceId: number, sealed: string): Promise<void> {
  await tx
    .insert(messengerSettings)
    .values({ workspaceId, identitySecretSealed: sealed, identitySecretCreatedAt: sql`now()` as unknown as Date })
    .onConflictDoUpdate({
      target: messengerSettings.workspaceId,
      set: { identitySecretSealed: sealed, identitySecretCreatedAt: sql`now()`, updatedAt: sql`now()` },
    });
}

/**
 * Identity-verification enforcement is a column of `workspaces` (the Intercom app's
 * `identity_verification`), and the workspaces module has no writer for it: the Messenger's settings
 * are its only writer, so the statement lives here (a deliberate exception to "a module's SQL stays in
 * its module"). Returns whether it changed.
 */
export async function setIdentityVerification(tx: Tx, workspaceId: number, enforced: boolean): Promise<boolean> {
  const changed = await rows<{ id: string }>(
    tx,
    sql`update workspaces set identity_verification = ${enforced}
        where id = ${workspaceId} and identity_verification is distinct from ${enforced} returning id`,
  );
  return changed.length > 0;
}

/**
 * The rarely queried standard attributes (`contacts.profile`: language_override, utm_*) that the
 * Messenger receives at boot; the contacts module has no writer for them, so this one merge lives here
 * (a deliberate exception, like the workspace flag above). Keys set to null are removed.
 */
export async function mergeContactProfile(tx: Tx, workspaceId: number, contactId: string, changes: Record<string, string | null>): Promise<void> {
  const set = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== null));
  const removed = Object.keys(changes).filter((key) => changes[key] === null);
  await tx.execute(sql`update contacts set profile = (profile || ${JSON.stringify(set)}::jsonb)
        - array(select jsonb_array_elements_text(${JSON.stringify(removed)}::jsonb)), updated_at = now()
      where workspace_id = ${workspaceId} and id = ${contactId}`);
}

export async function findVisitor(db: Executor, workspaceId: number, id: string): Promise<VisitorRow | undefined> {
  const [row] = await db
    .select()
    .from(messengerVisitors)
    .where(and(eq(messengerVisitors.workspaceId, workspaceId), eq(messengerVisitors.id, id)));
  return row;
}

/** The visitor and the contact it is (once it is one), in one statement: every visitor request starts with it. */
export async function findVisitorWithContact(db: Executor, workspaceId: number, id: string): Promise<{ visitor: VisitorRow; contact: ContactRow | null } | undefined> {
  const [row] = await db
    .select({ visitor: messengerVisitors, contact: contacts })
    .from(messengerVisitors)
    .leftJoin(contacts, and(eq(contacts.workspaceId, messengerVisitors.workspaceId), eq(contacts.id, messengerVisitors.contactId)))
    .where(and(eq(messengerVisitors.workspaceId, workspaceId), eq(messengerVisitors.id, id)));
  return row;
}

export async function insertVisitor(db: Executor, values: typeof messengerVisitors.$inferInsert): Promise<VisitorRow> {
  const [row] = await db.insert(messengerVisitors).values(values).returning();
  return row as VisitorRow;
}

export async function updateVisitor(db: Executor, workspaceId: number, id: string, changes: VisitorChanges): Promise<VisitorRow | undefined> {
  const [row] = await db
    .update(messengerVisitors)
    .set(changes)
    .where(and(eq(messengerVisitors.workspaceId, workspaceId), eq(messengerVisitors.id, id)))
    .returning();
  return row;
}

/** Gives an anonymous visitor its lead, unless a concurrent request gave it one first (then undefined). */
export async function claimVisitorContact(db: Executor, workspaceId: number, id: string, contactId: string): Promise<VisitorRow | undefined> {
  const [row] = await db
    .update(messengerVisitors)
    .set({ contactId, pendingAttributes: {} })
    .where(and(eq(messengerVisitors.workspaceId, workspaceId), eq(messengerVisitors.id, id), isNull(messengerVisitors.contactId)))
    .returning();
  return row;
}

/**
 * File bytes travel as base64 text, decoded by the database: both drivers turn a Buffer parameter or
 * a bytea result into hex text in JavaScript, byte by byte, which took seconds for a 10 MB file.
 */
export async function insertAttachment(db: Executor, values: typeof attachments.$inferInsert): Promise<void> {
  await db.insert(attachments).values({ ...values, data: sql`decode(${values.data.toString('base64')}, 'base64')` as unknown as Buffer });
}

/** A file by its unguessable id (what its URL names), data included. */
export async function findAttachment(db: Executor, id: string): Promise<AttachmentRow | undefined> {
  const { data: _data, ...columns } = getTableColumns(attachments);
  const [row] = await db
    .select({ ...columns, base64: sql<string>`encode(${attachments.data}, 'base64')` })
    .from(attachments)
    .where(eq(attachments.id, id));
  if (!row) return undefined;
  const { base64, ...rest } = row;
  return { ...rest, data: Buffer.from(base64, 'base64') };
}

/** Files of the workspace by id, without their data (to reference them in a message). */
export async function findAttachmentsInfo(db: Executor, workspaceId: number, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: attachments.id, name: attachments.name, contentType: attachments.contentType, size: attachments.size, uploadedBy: attachments.uploadedBy })
    .from(attachments)
    .where(and(eq(attachments.workspaceId, workspaceId), inArray(attachments.id, ids)));
}

/**
 * Deletes up to `limit` anonymous visitors (no contact) last seen before the cutoff; the conditions are
 * repeated outside the subquery so a visitor that boots or writes meanwhile (its row re-read after the
 * wait) is kept. Returns how many were deleted.
 */
export async function deleteAnonymousVisitors(db: Executor, olderThanDays: number, limit: number): Promise<number> {
  const stale = sql`contact_id is null and last_seen_at < now() - ${olderThanDays} * interval '1 day'`;
  const deleted = await rows<{ id: string }>(
    db,
    sql`delete from messenger_visitors
        where (workspace_id, id) in (select workspace_id, id from messenger_visitors where ${stale} limit ${limit})
          and ${stale}
        returning id`,
  );
  return deleted.length;
}
