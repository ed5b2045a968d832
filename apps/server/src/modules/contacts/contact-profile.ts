import type { ContactListItem, ContactNote, ContactProfile, ConversationState, TagSummary } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { SearchNode } from '../../platform/search/query.ts';
import { compileSearch } from '../../platform/search/compile.ts';
import { companiesOfContact } from '../companies/list-companies.ts';
import { conversationSearchFields, listIntercomConversations } from '../conversations/service.ts';
import { listDataEvents } from '../data-events/service.ts';
import type { toIntercomNote } from '../notes/intercom-note.ts';
import { listIntercomNotes } from '../notes/service.ts';
import { tagsOf } from '../tags/service.ts';
import { teamIdsOf } from '../teams/service.ts';
import type { ContactRow } from './intercom-contact.ts';
import { findContact } from './service.ts';

/** How many of each related list the profile shows. */
const shown = { events: 10, conversations: 10, notes: 25, companies: 50 };
const seconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);
type AttributeValue = string | number | boolean | null;

const toTagSummaries = (tags: { id: string; name: string }[] | undefined): TagSummary[] => (tags ?? []).map(({ id, name }) => ({ id, name }));

/** Contact rows as rows of the Inbox's contact lists, with their tags' names (one query). */
export async function toContactListItems(db: Executor, workspaceId: number, rows: ContactRow[]): Promise<ContactListItem[]> {
  const tags = await tagsOf(
    db,
    workspaceId,
    'contact',
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    role: row.role === 'user' ? 'user' : 'lead',
    name: row.name,
    email: row.email,
    phone: row.phone,
    avatar: row.avatar,
    created_at: seconds(row.createdAt) ?? 0,
    last_seen_at: seconds(row.lastSeenAt),
    custom_attributes: row.customAttributes as Record<string, AttributeValue>,
    tags: toTagSummaries(tags.get(row.id)),
  }));
}

export function toContactNote(note: ReturnType<typeof toIntercomNote>): ContactNote {
  const author = note.author;
  return {
    id: note.id,
    body: note.body,
    created_at: note.created_at,
    author: author ? { id: author.id, type: 'admin', name: author.name, email: author.email, avatar: null } : null,
  };
}

/**
 * The teammate's view of conversation visibility as a search query: without `access_all_conversations`,
 * conversations assigned to another team's inbox are left out (the realtime layer and the Inbox lists
 * apply the same rule).
 */
async function visibleConversationsOf(db: Executor, actor: Actor, contactId: string): Promise<SearchNode> {
  const ofContact: SearchNode = { field: 'contact_ids', operator: '=', value: contactId };
  if (actor.permissions.access_all_conversations) return ofContact;
  const teamIds = await teamIdsOf(db, actor.workspaceId, actor.teammateId);
  const visible: SearchNode[] = [
    { field: 'team_assignee_id', operator: '=', value: null },
    { field: 'admin_assignee_id', operator: '=', value: actor.teammateId },
  ];
  if (teamIds.length > 0) visible.push({ field: 'team_assignee_id', operator: 'IN', value: teamIds });
  return { operator: 'AND', value: [ofContact, { operator: 'OR', value: visible }] };
}

async function recentConversations(db: Executor, actor: Actor, contactId: string): Promise<ContactProfile['conversations']> {
  const where = compileSearch(await visibleConversationsOf(db, actor, contactId), conversationSearchFields, { timezone: 'UTC' });
  const page = await listIntercomConversations(db, actor.workspaceId, { perPage: shown.conversations, where });
  return page.conversations.map((conversation) => ({
    id: conversation.id,
    title: conversation.title,
    state: conversation.state as ConversationState,
    updated_at: conversation.updated_at,
  }));
}

/** The Inbox's contact profile (the contact page and the conversation sidebar); 404 for another workspace's contact. */
export async function contactProfile(db: Executor, actor: Actor, contactId: string): Promise<ContactProfile> {
  const row = await findContact(db, actor.workspaceId, contactId);
  if (!row) throw notFound('Contact');
  const [companies, tags, events, conversations, notes] = await Promise.all([
    companiesOfContact(db, actor.workspaceId, row.id, { page: 1, perPage: shown.companies }, () => ''),
    tagsOf(db, actor.workspaceId, 'contact', [row.id]),
    listDataEvents(db, actor.workspaceId, row.id, { limit: shown.events }),
    recentConversations(db, actor, row.id),
    listIntercomNotes(db, actor.workspaceId, row.id, { page: 1, perPage: shown.notes }),
  ]);
  return {
    id: row.id,
    role: row.role === 'user' ? 'user' : 'lead',
    external_id: row.externalId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    avatar: row.avatar,
    created_at: seconds(row.createdAt) ?? 0,
    last_seen_at: seconds(row.lastSeenAt),
    custom_attributes: row.customAttributes as Record<string, AttributeValue>,
    companies: companies.companies.map((company) => ({ id: company.id, company_id: company.company_id, name: company.name ?? company.company_id })),
    tags: toTagSummaries(tags.get(row.id)),
    recent_events: events.map((event) => ({
      name: event.eventName,
      created_at: seconds(event.createdAt) ?? 0,
      metadata: event.metadata as Record<string, unknown>,
    })),
    conversations,
    notes: notes.notes.map(toContactNote),
  };
}
