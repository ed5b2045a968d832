import { Type } from 'typebox';
import { toPlainText } from '../../platform/html/message-html.ts';
import type { ConversationRow, PartRow } from './data.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const anyObject = Type.Object({}, { additionalProperties: true });
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const secondsOrNull = (date: Date | null | undefined) => (date ? seconds(date) : null);

/** Names and emails of the people who wrote parts, keyed `admin:<id>` or `contact:<id>`. */
export type People = Map<string, { name: string | null; email: string | null }>;
export const personKey = (authorType: string, id: string | number | null) => `${authorType === 'admin' ? 'admin' : 'contact'}:${id}`;

export interface ConversationTag {
  id: string | number;
  name: string;
  appliedAt: Date | null;
  appliedBy: number | string | null;
}

/** What a conversation's REST shape needs beyond its row; every list is loaded in a batch by the caller. */
export interface ConversationRelations {
  contacts: { id: string; externalId: string | null }[];
  tags: ConversationTag[];
  people: People;
  parts?: { rows: PartRow[]; totalCount: number };
  plaintext?: boolean;
}

const author = Type.Object({ type: Type.String(), id: nullable(Type.String()), name: nullable(Type.String()), email: nullable(Type.String()) });
const partAuthor = Type.Object({ ...author.properties, from_ai_agent: Type.Boolean(), is_ai_answer: Type.Boolean() });
const attachment = Type.Object({
  type: Type.String(),
  name: nullable(Type.String()),
  url: Type.String(),
  content_type: nullable(Type.String()),
  filesize: nullable(Type.Integer()),
  width: nullable(Type.Integer()),
  height: nullable(Type.Integer()),
});
const tag = Type.Object({
  type: Type.Literal('tag'),
  id: Type.String(),
  name: Type.String(),
  applied_at: nullable(Type.Integer()),
  applied_by: nullable(Type.Object({ type: Type.String(), id: Type.String() })),
});

export const intercomTag = tag;

export const intercomPart = Type.Object({
  type: Type.Literal('conversation_part'),
  id: Type.String(),
  part_type: Type.String(),
  body: nullable(Type.String()),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
  notified_at: Type.Integer(),
  assigned_to: nullable(Type.Object({ type: Type.String(), id: Type.String() })),
  author: partAuthor,
  attachments: Type.Array(attachment),
  external_id: Type.Null(),
  redacted: Type.Boolean(),
  email_message_metadata: Type.Null(),
  metadata: anyObject,
  state: Type.String(),
  tags: Type.Array(Type.Object({ type: Type.Literal('tag'), id: Type.String(), name: Type.String() })),
  event_details: nullable(anyObject),
  app_package_code: Type.Null(),
});

const statistics = Type.Object({
  type: Type.Literal('conversation_statistics'),
  time_to_assignment: nullable(Type.Integer()),
  time_to_admin_reply: nullable(Type.Integer()),
  time_to_first_close: nullable(Type.Integer()),
  time_to_last_close: nullable(Type.Integer()),
  median_time_to_reply: Type.Null(),
  first_contact_reply_at: nullable(Type.Integer()),
  first_assignment_at: nullable(Type.Integer()),
  first_admin_reply_at: nullable(Type.Integer()),
  first_close_at: nullable(Type.Integer()),
  last_assignment_at: nullable(Type.Integer()),
  last_assignment_admin_reply_at: nullable(Type.Integer()),
  last_contact_reply_at: nullable(Type.Integer()),
  last_admin_reply_at: nullable(Type.Integer()),
  last_close_at: nullable(Type.Integer()),
  last_closed_by_id: nullable(Type.String()),
  count_reopens: Type.Integer(),
  count_assignments: Type.Integer(),
  count_conversation_parts: Type.Integer(),
  assigned_team_first_response_time_by_team: Type.Null(),
  assigned_team_first_response_time_in_office_hours: Type.Null(),
  handling_time: Type.Null(),
  adjusted_handling_time: Type.Null(),
});

export const intercomConversation = Type.Object({
  type: Type.Literal('conversation'),
  id: Type.String(),
  title: nullable(Type.String()),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
  waiting_since: nullable(Type.Integer()),
  snoozed_until: nullable(Type.Integer()),
  open: Type.Boolean(),
  state: Type.String(),
  read: Type.Boolean(),
  priority: Type.Union([Type.Literal('priority'), Type.Literal('not_priority')]),
  admin_assignee_id: nullable(Type.Integer()),
  team_assignee_id: nullable(Type.String()),
  company_id: nullable(Type.String()),
  tags: Type.Object({ type: Type.Literal('tag.list'), tags: Type.Array(tag) }),
  conversation_rating: Type.Null(),
  source: Type.Object({
    type: Type.String(),
    id: Type.String(),
    delivered_as: Type.String(),
    subject: Type.String(),
    body: Type.String(),
    author,
    attachments: Type.Array(attachment),
    url: nullable(Type.String()),
    redacted: Type.Boolean(),
  }),
  contacts: Type.Object({
    type: Type.Literal('contact.list'),
    contacts: Type.Array(Type.Object({ type: Type.Literal('contact'), id: Type.String(), external_id: nullable(Type.String()) })),
  }),
  teammates: Type.Object({ type: Type.Literal('admin.list'), admins: Type.Array(Type.Object({ type: Type.Literal('admin'), id: Type.String() })) }),
  custom_attributes: anyObject,
  first_contact_reply: nullable(Type.Object({ created_at: Type.Integer(), type: Type.String(), url: Type.Null() })),
  sla_applied: Type.Null(),
  statistics,
  linked_objects: Type.Object({ type: Type.Literal('list'), data: Type.Array(anyObject), total_count: Type.Integer(), has_more: Type.Boolean() }),
  ai_agent_participated: Type.Boolean(),
  ai_agent: Type.Null(),
  topics: anyObject,
  ticket: Type.Null(),
});

export const intercomConversationWithParts = Type.Object({
  ...intercomConversation.properties,
  conversation_parts: Type.Object({ type: Type.Literal('conversation_part.list'), conversation_parts: Type.Array(intercomPart), total_count: Type.Integer() }),
});

export const intercomConversationList = Type.Object({
  type: Type.Literal('conversation.list'),
  conversations: Type.Array(intercomConversation),
  total_count: Type.Integer(),
  pages: Type.Object({
    type: Type.Literal('pages'),
    page: Type.Integer(),
    per_page: Type.Integer(),
    total_pages: Type.Integer(),
    next: Type.Optional(Type.Object({ page: Type.Integer(), per_page: Type.Integer(), starting_after: Type.String() })),
  }),
});

export const intercomMessage = Type.Object({
  type: Type.String(),
  id: Type.String(),
  created_at: Type.Integer(),
  subject: Type.Optional(Type.String()),
  body: Type.String(),
  message_type: Type.String(),
  conversation_id: Type.String(),
});

/** How a conversation started, as stored in `conversations.source`. */
export interface StoredSource {
  type: string;
  id: string;
  delivered_as: string;
  subject: string;
  body: string;
  author: { type: string; id: string };
  attachments: StoredAttachment[];
  url: string | null;
  redacted: boolean;
}

export interface StoredAttachment {
  type: 'upload';
  name: string | null;
  url: string;
  content_type: string | null;
  filesize: number | null;
  width: number | null;
  height: number | null;
}

/** `attachment_urls` as Intercom shows them: the file name is the URL's last path segment. */
export function attachmentsFromUrls(urls: string[] | undefined): StoredAttachment[] {
  return (urls ?? []).map((url) => {
    let name: string | null = null;
    try {
      name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || null;
    } catch {}
    return { type: 'upload', name, url, content_type: null, filesize: null, width: null, height: null };
  });
}

const between = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, seconds(to) - seconds(from)) : null);

export function toIntercomStatistics(row: ConversationRow) {
  return {
    type: 'conversation_statistics' as const,
    time_to_assignment: between(row.createdAt, row.firstAssignmentAt),
    time_to_admin_reply: between(row.firstContactReplyAt ?? row.createdAt, row.firstAdminReplyAt),
    time_to_first_close: between(row.createdAt, row.firstCloseAt),
    time_to_last_close: between(row.createdAt, row.lastCloseAt),
    median_time_to_reply: null,
    first_contact_reply_at: secondsOrNull(row.firstContactReplyAt),
    first_assignment_at: secondsOrNull(row.firstAssignmentAt),
    first_admin_reply_at: secondsOrNull(row.firstAdminReplyAt),
    first_close_at: secondsOrNull(row.firstCloseAt),
    last_assignment_at: secondsOrNull(row.lastAssignmentAt),
    last_assignment_admin_reply_at: secondsOrNull(row.lastAssignmentAdminReplyAt),
    last_contact_reply_at: secondsOrNull(row.lastContactReplyAt),
    last_admin_reply_at: secondsOrNull(row.lastAdminReplyAt),
    last_close_at: secondsOrNull(row.lastCloseAt),
    last_closed_by_id: row.lastClosedById === null ? null : String(row.lastClosedById),
    count_reopens: row.countReopens,
    count_assignments: row.countAssignments,
    count_conversation_parts: row.countConversationParts,
    assigned_team_first_response_time_by_team: null,
    assigned_team_first_response_time_in_office_hours: null,
    handling_time: null,
    adjusted_handling_time: null,
  };
}

export function toIntercomTag(tagRow: ConversationTag) {
  return {
    type: 'tag' as const,
    id: String(tagRow.id),
    name: tagRow.name,
    applied_at: secondsOrNull(tagRow.appliedAt),
    applied_by: tagRow.appliedBy === null ? null : { type: 'admin', id: String(tagRow.appliedBy) },
  };
}

const renderBody = (body: string, plaintext: boolean | undefined) => (plaintext ? toPlainText(body) : body);

export function toIntercomPart(part: PartRow, people: People, plaintext?: boolean) {
  const person = part.authorId === null ? undefined : people.get(personKey(part.authorType, part.authorId));
  const created = seconds(part.createdAt);
  return {
    type: 'conversation_part' as const,
    id: part.id,
    part_type: part.partType,
    body: part.body === null ? null : renderBody(part.body, plaintext),
    created_at: created,
    updated_at: seconds(part.updatedAt),
    notified_at: created,
    assigned_to: (part.assignedTo as { type: string; id: string } | null) ?? null,
    author: {
      type: part.authorType,
      id: part.authorId,
      name: person?.name ?? null,
      email: person?.email ?? null,
      from_ai_agent: false,
      is_ai_answer: false,
    },
    attachments: part.attachments as StoredAttachment[],
    external_id: null,
    redacted: part.redacted,
    email_message_metadata: null,
    metadata: part.metadata as Record<string, unknown>,
    state: part.state,
    tags: [],
    event_details: (part.eventDetails as Record<string, unknown> | null) ?? null,
    app_package_code: null,
  };
}

export function toIntercomConversation(row: ConversationRow, related: ConversationRelations) {
  const source = row.source as StoredSource;
  const sourceAuthor = related.people.get(personKey(source.author.type, source.author.id));
  const conversation = {
    type: 'conversation' as const,
    id: row.id,
    title: row.title,
    created_at: seconds(row.createdAt),
    updated_at: seconds(row.updatedAt),
    waiting_since: secondsOrNull(row.waitingSince),
    snoozed_until: secondsOrNull(row.snoozedUntil),
    open: row.state !== 'closed',
    state: row.state,
    read: row.read,
    priority: row.priority ? ('priority' as const) : ('not_priority' as const),
    admin_assignee_id: row.adminAssigneeId,
    team_assignee_id: row.teamAssigneeId === null ? null : String(row.teamAssigneeId),
    company_id: row.companyId,
    tags: { type: 'tag.list' as const, tags: related.tags.map(toIntercomTag) },
    conversation_rating: null,
    source: {
      ...source,
      body: renderBody(source.body, related.plaintext),
      author: { type: source.author.type, id: source.author.id, name: sourceAuthor?.name ?? null, email: sourceAuthor?.email ?? null },
    },
    contacts: { type: 'contact.list' as const, contacts: related.contacts.map((contact) => ({ type: 'contact' as const, id: contact.id, external_id: contact.externalId })) },
    teammates: { type: 'admin.list' as const, admins: row.teammateIds.map((id) => ({ type: 'admin' as const, id: String(id) })) },
    custom_attributes: row.customAttributes as Record<string, unknown>,
    first_contact_reply: row.firstContactReplyAt ? { created_at: seconds(row.firstContactReplyAt), type: 'conversation', url: null } : null,
    sla_applied: null,
    statistics: toIntercomStatistics(row),
    linked_objects: { type: 'list' as const, data: [], total_count: 0, has_more: false },
    ai_agent_participated: false,
    ai_agent: null,
    topics: {},
    ticket: null,
  };
  return conversation;
}

/** The conversation with `conversation_parts` (find, reply, manage, update). */
export function toIntercomConversationWithParts(row: ConversationRow, related: ConversationRelations & { parts: { rows: PartRow[]; totalCount: number } }) {
  return {
    ...toIntercomConversation(row, related),
    conversation_parts: {
      type: 'conversation_part.list' as const,
      conversation_parts: related.parts.rows.map((part) => toIntercomPart(part, related.people, related.plaintext)),
      total_count: related.parts.totalCount,
    },
  };
}
