import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A conversation between contacts and the team. Its statistics are kept on write, so reports and
 * SLAs read columns instead of replaying parts.
 */
export const conversations = pgTable(
  'conversations',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    id: text('id').notNull(),
    title: text('title'),
    state: text('state').notNull(),
    read: boolean('read').notNull().default(false),
    priority: boolean('priority').notNull().default(false),
    adminAssigneeId: bigint('admin_assignee_id', { mode: 'number' }),
    teamAssigneeId: bigint('team_assignee_id', { mode: 'number' }),
    /** Teammates who wrote at least one part, in order of first participation (Intercom's `teammates`). */
    teammateIds: bigint('teammate_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    /**
     * The ids of the tags applied to it, sorted: a read model of `taggings` (the truth), kept by the
     * triggers of migration 0009 on every write to taggings, so tag-filtered lists read one index.
     */
    tagIds: bigint('tag_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    /**
     * The teammates @mentioned in its notes: a read model of the Inbox's `mentions` (the truth), kept by
     * the triggers of migration 0011, so the Mentions inbox reads one index.
     */
    mentionedIds: bigint('mentioned_ids', { mode: 'number' }).array().notNull().default(sql`'{}'::bigint[]`),
    /** The company the conversation is about (`PUT /conversations/{id}` `company_id`). */
    companyId: text('company_id'),
    snoozedUntil: at('snoozed_until'),
    waitingSince: at('waiting_since'),
    /** How it started: type, delivered_as, subject, body, author {type, id}, attachments, url. */
    source: jsonb('source').notNull(),
    customAttributes: jsonb('custom_attributes').notNull().default({}),
    firstContactReplyAt: at('first_contact_reply_at'),
    firstAdminReplyAt: at('first_admin_reply_at'),
    firstAssignmentAt: at('first_assignment_at'),
    lastAssignmentAt: at('last_assignment_at'),
    lastAssignmentAdminReplyAt: at('last_assignment_admin_reply_at'),
    lastContactReplyAt: at('last_contact_reply_at'),
    lastAdminReplyAt: at('last_admin_reply_at'),
    firstCloseAt: at('first_close_at'),
    lastCloseAt: at('last_close_at'),
    lastClosedById: bigint('last_closed_by_id', { mode: 'number' }),
    countReopens: integer('count_reopens').notNull().default(0),
    countAssignments: integer('count_assignments').notNull().default(0),
    countConversationParts: integer('count_conversation_parts').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('conversations_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    // The Inbox's sorts, each (workspace, state, keys…, id) for its keyset pages (modules/inbox/data.ts `sorts`).
    // Migration 0015 adds INCLUDE (admin_assignee_id, team_assignee_id) to these four, which drizzle cannot declare.
    index('conversations_state_updated_idx').on(t.workspaceId, t.state, t.updatedAt, t.id),
    index('conversations_state_created_idx').on(t.workspaceId, t.state, t.createdAt, t.id),
    index('conversations_state_waiting_idx').on(t.workspaceId, t.state, sql`coalesce(${t.waitingSince}, 'infinity'::timestamptz)`, t.id),
    index('conversations_state_priority_idx').on(t.workspaceId, t.state, t.priority, t.updatedAt, t.id),
    // The Inbox's team and "Unassigned" inboxes: their lists and counts read a range, not a filtered scan.
    index('conversations_team_idx').on(t.workspaceId, t.teamAssigneeId, t.state, t.updatedAt, t.id).where(sql`team_assignee_id is not null`),
    index('conversations_unassigned_idx')
      .on(t.workspaceId, t.state, t.updatedAt, t.id)
      .where(sql`admin_assignee_id is null and team_assignee_id is null`),
    // "Your inbox" (and a saved view's teammate): its newest-first pages and count read a range, not every row to sort.
    index('conversations_assignee_idx').on(t.workspaceId, t.adminAssigneeId, t.state, t.updatedAt, t.id).where(sql`admin_assignee_id is not null`),
    index('conversations_snoozed_idx').on(t.snoozedUntil).where(sql`state = 'snoozed'`),
    // Tag-filtered inboxes (`tag_ids @> array[id]`), one per live state: the query names the state as a literal
    // (modules/inbox/data.ts `inState`) so even a generic plan proves the predicate. Tag ids are unique across
    // workspaces, so a tag's entries are its workspace's; a GIN index cannot lead with workspace_id without btree_gin.
    index('conversations_open_tags_idx').using('gin', t.tagIds).where(sql`state = 'open'`),
    index('conversations_snoozed_tags_idx').using('gin', t.tagIds).where(sql`state = 'snoozed'`),
    index('conversations_open_mentioned_idx').using('gin', t.mentionedIds).where(sql`state = 'open'`),
    index('conversations_snoozed_mentioned_idx').using('gin', t.mentionedIds).where(sql`state = 'snoozed'`),
  ],
);

export const conversationContacts = pgTable(
  'conversation_contacts',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    conversationId: text('conversation_id').notNull(),
    contactId: text('contact_id').notNull(),
    addedAt: at('added_at').notNull().defaultNow(),
    /** Up to when the contact has read the conversation in the Messenger (its unread count starts after). */
    seenAt: at('seen_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.conversationId, t.contactId] }),
    index('conversation_contacts_contact_idx').on(t.workspaceId, t.contactId),
  ],
);

/** Every change to a conversation appends a part: messages, notes, and state changes alike. */
export const conversationParts = pgTable(
  'conversation_parts',
  {
    workspaceId: bigint('workspace_id', { mode: 'number' }).notNull(),
    conversationId: text('conversation_id').notNull(),
    id: text('id').notNull(),
    partType: text('part_type').notNull(),
    /** Sanitized HTML. */
    body: text('body'),
    authorType: text('author_type').notNull(),
    authorId: text('author_id'),
    assignedTo: jsonb('assigned_to'),
    attachments: jsonb('attachments').notNull().default([]),
    metadata: jsonb('metadata').notNull().default({}),
    /** The conversation's state right after this part. */
    state: text('state').notNull().default('open'),
    /** What an attribute-update part changed: {attribute: {name}, value: {name}}. */
    eventDetails: jsonb('event_details'),
    redacted: boolean('redacted').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('conversation_parts_conversation_idx').on(t.workspaceId, t.conversationId, t.createdAt)],
);
