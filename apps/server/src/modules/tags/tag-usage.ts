import type { Tag } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import * as data from './data.ts';
import { parseTagId } from './service.ts';

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function withUsage(rows: data.TagRow[], usage: Awaited<ReturnType<typeof data.tagUsage>>): Tag[] {
  const counts = new Map<number, Tag['usage']>();
  for (const row of usage) {
    const entry = counts.get(row.tagId) ?? { contacts: 0, companies: 0, conversations: 0 };
    if (row.targetType === 'contact') entry.contacts = row.count;
    else if (row.targetType === 'company') entry.companies = row.count;
    else if (row.targetType === 'conversation') entry.conversations = row.count;
    counts.set(row.tagId, entry);
  }
  return rows.map((row) => ({
    id: String(row.id),
    name: row.name,
    created_at: seconds(row.createdAt),
    usage: counts.get(row.id) ?? { contacts: 0, companies: 0, conversations: 0 },
  }));
}

/** Every tag of the workspace by name, with how many contacts, companies and conversations carry it (the tags settings page). */
export async function listTagsWithUsage(db: Executor, workspaceId: number): Promise<Tag[]> {
  const [rows, usage] = await Promise.all([data.listTags(db, workspaceId), data.tagUsage(db, workspaceId)]);
  return withUsage(rows, usage).sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

export async function tagWithUsage(db: Executor, workspaceId: number, id: string): Promise<Tag> {
  const tagId = parseTagId(id);
  const row = tagId === undefined ? undefined : await data.findTag(db, workspaceId, tagId);
  if (!row) throw notFound('Tag');
  const [tag] = withUsage([row], await data.tagUsage(db, workspaceId, row.id));
  if (!tag) throw notFound('Tag');
  return tag;
}
