import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { planEachTime } from '../../platform/db/database.ts';
import { invalid } from '../../platform/http/errors.ts';
import { compileSearch, customAttributeField } from '../../platform/search/compile.ts';
import type { FieldType, SearchField, SearchFieldResolver, SearchOperator, SearchValue } from '../../platform/search/query.ts';
import { listCustomAttributes } from '../data-attributes/service.ts';
import { parseTagId } from '../tags/service.ts';
import { findWorkspace } from '../workspaces/service.ts';
import { conversations as c } from './tables.ts';

const field = (type: FieldType, column: SQL, operators?: SearchOperator[]): SearchField => ({ type, column, ...(operators ? { operators } : {}) });
const sourceText = (...path: string[]) => sql`(${c.source} #>> ${`{${path.join(',')}}`}::text[])`;
const secondsBetween = (from: SQL, to: SQL) => sql`(extract(epoch from (${to} - ${from}))::bigint)`;

const standardFields: Record<string, SearchField> = {
  id: field('id', sql`${c.id}`),
  created_at: field('date', sql`${c.createdAt}`),
  updated_at: field('date', sql`${c.updatedAt}`),
  waiting_since: field('date', sql`${c.waitingSince}`),
  snoozed_until: field('date', sql`${c.snoozedUntil}`),
  open: field('boolean', sql`(${c.state} <> 'closed')`),
  read: field('boolean', sql`${c.read}`),
  state: field('string', sql`${c.state}`, ['=', '!=', 'IN', 'NIN']),
  priority: field('string', sql`(case when ${c.priority} then 'priority' else 'not_priority' end)`, ['=', '!=', 'IN', 'NIN']),
  title: field('string', sql`${c.title}`),
  admin_assignee_id: field('integer', sql`${c.adminAssigneeId}`),
  team_assignee_id: field('integer', sql`${c.teamAssigneeId}`),
  company_id: field('id', sql`${c.companyId}`),
  channel_initiated: field('string', sql`(case when ${c.source} ->> 'delivered_as' = 'admin_initiated' then 'admin' else 'customer' end)`),
  'source.type': field('string', sourceText('type')),
  'source.id': field('id', sourceText('id')),
  'source.delivered_as': field('string', sourceText('delivered_as')),
  'source.subject': field('string', sourceText('subject')),
  'source.author.id': field('id', sourceText('author', 'id')),
  'source.author.type': field('string', sourceText('author', 'type')),
  'source.url': field('string', sourceText('url')),
  ai_agent_participated: field('boolean', sql`false`),
  'statistics.time_to_assignment': field('integer', secondsBetween(sql`${c.createdAt}`, sql`${c.firstAssignmentAt}`)),
  'statistics.time_to_admin_reply': field('integer', secondsBetween(sql`coalesce(${c.firstContactReplyAt}, ${c.createdAt})`, sql`${c.firstAdminReplyAt}`)),
  'statistics.time_to_first_close': field('integer', secondsBetween(sql`${c.createdAt}`, sql`${c.firstCloseAt}`)),
  'statistics.time_to_last_close': field('integer', secondsBetween(sql`${c.createdAt}`, sql`${c.lastCloseAt}`)),
  'statistics.first_contact_reply_at': field('date', sql`${c.firstContactReplyAt}`),
  'statistics.first_assignment_at': field('date', sql`${c.firstAssignmentAt}`),
  'statistics.first_admin_reply_at': field('date', sql`${c.firstAdminReplyAt}`),
  'statistics.first_close_at': field('date', sql`${c.firstCloseAt}`),
  'statistics.last_assignment_at': field('date', sql`${c.lastAssignmentAt}`),
  'statistics.last_assignment_admin_reply_at': field('date', sql`${c.lastAssignmentAdminReplyAt}`),
  'statistics.last_contact_reply_at': field('date', sql`${c.lastContactReplyAt}`),
  'statistics.last_admin_reply_at': field('date', sql`${c.lastAdminReplyAt}`),
  'statistics.last_close_at': field('date', sql`${c.lastCloseAt}`),
  'statistics.last_closed_by_id': field('id', sql`(${c.lastClosedById})::text`),
  'statistics.count_reopens': field('integer', sql`${c.countReopens}`),
  'statistics.count_assignments': field('integer', sql`${c.countAssignments}`),
  'statistics.count_conversation_parts': field('integer', sql`${c.countConversationParts}`),
};

/**
 * The conversation carries the tag: its `tag_ids` (kept from the tags module's taggings by triggers)
 * contain the id, which the partial GIN indexes per live state answer. An id that is not a tag's
 * matches nothing, as a filter on a deleted tag finds no one. Planned each time: a tag on most
 * conversations is best found walking the sort's index, a rare one through the GIN index.
 */
function conversationHasTag(tagId: string | number): SQL {
  const id = parseTagId(tagId);
  return id === undefined ? sql`false` : sql`(${c.tagIds} @> array[${id}::bigint] ${planEachTime})`;
}

/** A list-valued field (`contact_ids`, `teammate_ids`, `tag_ids`): `=` means "contains", IN "contains any". */
function membershipField(contains: (value: string) => SQL): SearchField {
  return {
    type: 'id',
    column: sql`${c.id}`,
    operators: ['=', '!=', 'IN', 'NIN'],
    filter: (operator, value) => {
      const values = (Array.isArray(value) ? value : [value]).map((item) => {
        if (typeof item !== 'string' && typeof item !== 'number') throw invalid('List fields take ids (strings or numbers)', 'query.value');
        return String(item);
      });
      const any = sql`(${sql.join(values.map(contains), sql` or `)})`;
      return operator === '=' || operator === 'IN' ? any : sql`(not ${any})`;
    },
  };
}

const contactIds = membershipField(
  (value) => sql`exists (select 1 from conversation_contacts cc where cc.workspace_id = ${c.workspaceId} and cc.conversation_id = ${c.id} and cc.contact_id = ${value})`,
);
const teammateIds = membershipField((value) => (/^[0-9]{1,15}$/.test(value) ? sql`(${Number(value)}::bigint = any(${c.teammateIds}))` : sql`false`));
const tagIds = membershipField(conversationHasTag);

/** `source.body` matches word by word, as Intercom's does: every word of the value must be in the body. */
const sourceBody: SearchField = {
  type: 'string',
  column: sourceText('body'),
  operators: ['=', '!=', '~', '!~', '^', '$'],
  filter: (operator, value) => {
    if (typeof value !== 'string' && typeof value !== 'number') throw invalid('source.body takes a string', 'source.body');
    const text = String(value);
    const words = sql`to_tsvector('simple', ${sourceText('body')})`;
    const query = sql`plainto_tsquery('simple', ${text})`;
    if (operator === '=') return sql`(${words} @@ ${query})`;
    if (operator === '!=') return sql`(not (${words} @@ ${query}))`;
    return compileSearch({ field: 'source.body', operator, value: text }, () => field('string', sourceText('body')), { timezone: 'UTC' });
  },
};

export interface ConversationSearchContext {
  timezone: string;
  /** Declared conversation data attributes (name → data type), so custom attributes compare as their type. */
  attributeTypes?: Map<string, string>;
}

function valueType(value: SearchValue): string {
  const sample = Array.isArray(value) ? value[0] : value;
  if (typeof sample === 'number') return 'float';
  if (typeof sample === 'boolean') return 'boolean';
  return 'string';
}

export function conversationSearchResolver(context: ConversationSearchContext): SearchFieldResolver {
  return (name) => {
    const standard = standardFields[name];
    if (standard) return standard;
    if (name === 'source.body') return sourceBody;
    if (name === 'contact_ids') return contactIds;
    if (name === 'teammate_ids') return teammateIds;
    if (name === 'tag_ids') return tagIds;
    if (name.startsWith('custom_attributes.') && name.length > 'custom_attributes.'.length) {
      const attribute = name.slice('custom_attributes.'.length);
      const declared = context.attributeTypes?.get(attribute);
      const type = declared === 'options' || declared === 'datetime' ? (declared === 'options' ? 'string' : 'date') : declared;
      if (type) return customAttributeField(sql`${c.customAttributes}`, attribute, type);
      return {
        type: 'string',
        column: sql`(${c.customAttributes} ->> ${attribute}::text)`,
        operators: ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<=', '~', '!~', '^', '$'],
        filter: (operator, value) =>
          compileSearch({ field: name, operator, value }, () => customAttributeField(sql`${c.customAttributes}`, attribute, valueType(value)), {
            timezone: context.timezone,
          }),
      };
    }
    return undefined;
  };
}

/** The agreed resolver, in UTC and without declared attribute types: for callers that only need field definitions. */
export const conversationSearchFields: SearchFieldResolver = conversationSearchResolver({ timezone: 'UTC' });

/** Compiles a conversation search query into a condition on the conversations table, in the workspace's time zone. */
export async function conversationSearchCondition(db: Executor, workspaceId: number, query: unknown): Promise<SQL> {
  const [workspace, attributes] = await Promise.all([findWorkspace(db, workspaceId), listCustomAttributes(db, workspaceId, 'conversation')]);
  const timezone = workspace?.timezone ?? 'UTC';
  const attributeTypes = new Map(attributes.map((attribute) => [attribute.name, attribute.dataType]));
  return compileSearch(query, conversationSearchResolver({ timezone, attributeTypes }), { timezone });
}
