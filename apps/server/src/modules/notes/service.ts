import type { Executor } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { toMessageHtml } from '../../platform/html/message-html.ts';
import type { Platform } from '../../platform/platform.ts';
import { toIntercomAdmin } from '../admins/intercom-admin.ts';
import { findAdmin } from '../admins/service.ts';
import { findContact } from '../contacts/service.ts';
import * as data from './data.ts';
import { toIntercomNote } from './intercom-note.ts';

export type { NoteRow } from './data.ts';

/** The author in Intercom's admin shape, or null when that teammate has left the workspace. */
async function authorOf(db: Executor, workspaceId: number, authorId: number | null) {
  if (authorId === null) return null;
  const admin = await findAdmin(db, workspaceId, authorId).catch(() => undefined);
  return admin ? toIntercomAdmin(admin, admin.teamIds) : null;
}

async function requireContact(db: Executor, workspaceId: number, contactId: string) {
  const contact = await findContact(db, workspaceId, contactId);
  if (!contact) throw notFound('Contact');
  return contact;
}

/** A teammate's note on a contact; the body is stored as sanitized HTML. */
export async function createNote(platform: Platform, actor: Actor, contactId: string, input: { body: string; admin_id?: string | number }) {
  const db = platform.database.orm;
  const contact = await requireContact(db, actor.workspaceId, contactId);
  const admin = await findAdmin(db, actor.workspaceId, input.admin_id ?? actor.teammateId);
  const body = toMessageHtml(input.body);
  if (!body.replace(/<[^>]*>/g, '').trim()) throw invalid('The note body is empty', 'body');
  const row = await platform.database.transaction(async (tx) => {
    const note = await data.insertNote(tx, { workspaceId: actor.workspaceId, contactId: contact.id, authorId: admin.id, body });
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'contact',
      aggregateId: contact.id,
      type: 'note.created',
      payload: { actor_id: actor.teammateId, note_id: String(note.id), contact_id: contact.id },
    });
    return note;
  });
  return toIntercomNote(row, toIntercomAdmin(admin, admin.teamIds));
}

export async function findIntercomNote(db: Executor, workspaceId: number, noteId: string) {
  const id = /^[0-9]{1,15}$/.test(noteId) ? Number(noteId) : undefined;
  const row = id === undefined ? undefined : await data.findNote(db, workspaceId, id);
  if (!row) throw notFound('Note');
  return toIntercomNote(row, await authorOf(db, workspaceId, row.authorId));
}

export async function listIntercomNotes(db: Executor, workspaceId: number, contactId: string, page: { page: number; perPage: number }) {
  const contact = await requireContact(db, workspaceId, contactId);
  const [rows, totalCount] = await Promise.all([
    data.listNotesOfContact(db, workspaceId, contact.id, { limit: page.perPage, offset: (page.page - 1) * page.perPage }),
    data.countNotesOfContact(db, workspaceId, contact.id),
  ]);
  const authors = new Map<number, Awaited<ReturnType<typeof authorOf>>>();
  for (const authorId of new Set(rows.flatMap((row) => (row.authorId === null ? [] : [row.authorId])))) {
    authors.set(authorId, await authorOf(db, workspaceId, authorId));
  }
  return { notes: rows.map((row) => toIntercomNote(row, row.authorId === null ? null : (authors.get(row.authorId) ?? null))), totalCount };
}
