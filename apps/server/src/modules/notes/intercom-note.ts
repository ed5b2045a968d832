import { Type } from 'typebox';
import { intercomAdmin, type toIntercomAdmin } from '../admins/intercom-admin.ts';
import type { NoteRow } from './data.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const intercomNote = Type.Object({
  type: Type.Literal('note'),
  id: Type.String(),
  created_at: Type.Integer(),
  contact: Type.Object({ type: Type.Literal('contact'), id: Type.String() }),
  author: nullable(intercomAdmin),
  body: Type.String(),
});

export const intercomNoteList = Type.Object({
  type: Type.Literal('list'),
  data: Type.Array(intercomNote),
  total_count: Type.Integer(),
  pages: Type.Object({
    type: Type.Literal('pages'),
    page: Type.Integer(),
    per_page: Type.Integer(),
    total_pages: Type.Integer(),
    next: Type.Optional(Type.String()),
  }),
});

/** The Intercom `note` shape; `author` is the admin in its REST shape (null once the teammate is gone). */
export function toIntercomNote(row: NoteRow, author: ReturnType<typeof toIntercomAdmin> | null) {
  return {
    type: 'note' as const,
    id: String(row.id),
    created_at: Math.floor(row.createdAt.getTime() / 1000),
    contact: { type: 'contact' as const, id: row.contactId },
    author,
    body: row.body,
  };
}
