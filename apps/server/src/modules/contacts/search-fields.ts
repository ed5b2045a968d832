import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { invalid } from '../../platform/http/errors.ts';
import { compileSearch, customAttributeField } from '../../platform/search/compile.ts';
import type { FieldType, SearchField, SearchFieldResolver, SearchOperator, SearchValue } from '../../platform/search/query.ts';
import { listCustomAttributes } from '../data-attributes/service.ts';
import { findSegment } from '../segments/service.ts';
import { taggedCondition } from '../tags/service.ts';
import { findWorkspace } from '../workspaces/service.ts';
import { locationFields, mobileStrings, profileStrings } from './intercom-contact.ts';
import { contacts } from './tables.ts';

const allOperators: SearchOperator[] = ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<=', '~', '!~', '^', '$'];
const field = (type: FieldType, column: SQL): SearchField => ({ type, column });
const profileText = (name: string) => sql`(${contacts.profile} ->> ${name}::text)`;
const profileSeconds = (name: string) =>
  sql`(case when jsonb_typeof(${contacts.profile} -> ${name}::text) = 'number' then to_timestamp((${contacts.profile} ->> ${name}::text)::double precision) end)`;

const standardFields: Record<string, SearchField> = {
  id: field('id', sql`${contacts.id}`),
  external_id: field('string', sql`${contacts.externalId}`),
  role: field('string', sql`${contacts.role}`),
  name: field('string', sql`${contacts.name}`),
  email: field('string', sql`${contacts.email}`),
  email_domain: field('string', sql`nullif(split_part(lower(${contacts.email}), '@', 2), '')`),
  phone: field('string', sql`${contacts.phone}`),
  avatar: field('string', sql`${contacts.avatar}`),
  owner_id: field('integer', sql`${contacts.ownerId}`),
  has_hard_bounced: field('boolean', sql`${contacts.hasHardBounced}`),
  marked_email_as_spam: field('boolean', sql`${contacts.markedEmailAsSpam}`),
  unsubscribed_from_emails: field('boolean', sql`${contacts.unsubscribedFromEmails}`),
  archived: field('boolean', sql`${contacts.archived}`),
  created_at: field('date', sql`${contacts.createdAt}`),
  updated_at: field('date', sql`${contacts.updatedAt}`),
  signed_up_at: field('date', sql`${contacts.signedUpAt}`),
  last_seen_at: field('date', sql`${contacts.lastSeenAt}`),
  last_replied_at: field('date', sql`${contacts.lastRepliedAt}`),
  last_contacted_at: field('date', sql`${contacts.lastContactedAt}`),
  last_email_opened_at: field('date', sql`${contacts.lastEmailOpenedAt}`),
  last_email_clicked_at: field('date', sql`${contacts.lastEmailClickedAt}`),
};
for (const name of profileStrings) standardFields[name] = field('string', profileText(name));
for (const name of locationFields) standardFields[`location.${name}`] = field('string', sql`(${contacts.profile} -> 'location' ->> ${name}::text)`);
for (const platform of ['android', 'ios']) {
  for (const name of mobileStrings) standardFields[`${platform}_${name}`] = field('string', profileText(`${platform}_${name}`));
  standardFields[`${platform}_last_seen_at`] = field('date', profileSeconds(`${platform}_last_seen_at`));
}

/** The JSON type a custom attribute filter compares as, read from the value the client sent. */
function valueType(value: SearchValue): string {
  const sample = Array.isArray(value) ? value[0] : value;
  if (typeof sample === 'number') return 'float';
  if (typeof sample === 'boolean') return 'boolean';
  return 'string';
}

export interface ContactSearchContext {
  timezone: string;
  /** Compiled conditions of the segments the query names (`segment_id`). */
  segments?: Map<string, SQL>;
  /** Declared custom attributes and their data types; without it, values are compared as the JSON type the filter sends. */
  attributeTypes?: Map<string, string>;
}

const searchTypeOf: Record<string, string> = { options: 'string', datetime: 'date' };

/**
 * Contact fields for `compileSearch`: identity, email status, timestamps, browser, location, mobile,
 * UTM, `tag_id` (= and != only), `segment_id` (when the segment conditions are given) and
 * `custom_attributes.<name>`, compared as the JSON type of the filter's value.
 */
export function contactSearchResolver(context: ContactSearchContext): SearchFieldResolver {
  return (name) => {
    const standard = standardFields[name];
    if (standard) return standard;
    if (name === 'tag_id') {
      return {
        type: 'id',
        column: sql`${contacts.id}`,
        operators: ['=', '!='],
        filter: (operator, value) => {
          if (value === null || typeof value === 'object') throw invalid('tag_id takes a single tag id', 'tag_id');
          const tagged = taggedCondition(sql`${contacts.workspaceId}`, 'contact', sql`${contacts.id}`, String(value));
          return operator === '=' ? tagged : sql`(not ${tagged})`;
        },
      };
    }
    if (name === 'segment_id' && context.segments) {
      const segments = context.segments;
      return {
        type: 'id',
        column: sql`${contacts.id}`,
        operators: ['=', '!='],
        filter: (operator, value) => {
          const condition = segments.get(String(value));
          if (!condition) throw invalid(`Segment ${String(value)} not found`, 'segment_id');
          return operator === '=' ? sql`(${condition})` : sql`(not coalesce((${condition}), false))`;
        },
      };
    }
    if (name.startsWith('custom_attributes.') && name.length > 'custom_attributes.'.length) {
      const attribute = name.slice('custom_attributes.'.length);
      const declared = context.attributeTypes?.get(attribute);
      if (context.attributeTypes) {
        if (!declared) return undefined;
        return customAttributeField(sql`${contacts.customAttributes}`, attribute, searchTypeOf[declared] ?? declared);
      }
      return {
        type: 'string',
        column: sql`(${contacts.customAttributes} ->> ${attribute}::text)`,
        operators: allOperators,
        filter: (operator, value) =>
          compileSearch({ field: name, operator, value }, () => customAttributeField(sql`${contacts.customAttributes}`, attribute, valueType(value)), {
            timezone: context.timezone,
          }),
      };
    }
    return undefined;
  };
}

/** The resolver without segments, in UTC: for callers that only need field definitions. */
export const contactSearchFields: SearchFieldResolver = contactSearchResolver({ timezone: 'UTC' });

/** Whether any filter of the query is on `field`. */
function filtersOn(node: unknown, name: string): boolean {
  if (Array.isArray(node)) return node.some((child) => filtersOn(child, name));
  if (typeof node !== 'object' || node === null) return false;
  const { field, value } = node as { field?: unknown; value?: unknown };
  return field === name || (field === undefined && filtersOn(value, name));
}

function segmentIdsIn(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const child of node) segmentIdsIn(child, found);
  else if (typeof node === 'object' && node !== null) {
    const { field, value } = node as { field?: unknown; value?: unknown };
    if (field === 'segment_id' && (typeof value === 'string' || typeof value === 'number')) found.add(String(value));
    else segmentIdsIn(value, found);
  }
  return found;
}

/**
 * Compiles a contact search query (Intercom's grammar) into a condition on the contacts table, in the
 * workspace's time zone. Segments named by `segment_id` are applied by their stored query (a segment
 * inside a segment is not expanded further). Archived contacts match only a query that filters on
 * `archived` (e.g. `{field:'archived', operator:'=', value:true}`), as Intercom leaves them out of searches.
 */
export async function contactSearchCondition(db: Executor, workspaceId: number, query: unknown, depth = 0): Promise<SQL> {
  const [workspace, attributes] = await Promise.all([findWorkspace(db, workspaceId), listCustomAttributes(db, workspaceId, 'contact')]);
  const timezone = workspace?.timezone ?? 'UTC';
  const attributeTypes = new Map(attributes.map((attribute) => [attribute.name, attribute.dataType]));
  const segments = new Map<string, SQL>();
  if (depth === 0) {
    for (const id of segmentIdsIn(query, new Set())) {
      const segment = await findSegment(db, workspaceId, id);
      if (!segment) continue;
      const condition = await contactSearchCondition(db, workspaceId, segment.query, depth + 1);
      const role = segment.personType === 'user' || segment.personType === 'lead' ? segment.personType : undefined;
      segments.set(id, role ? sql`(${contacts.role} = ${role} and ${condition})` : condition);
    }
  }
  const condition = compileSearch(query, contactSearchResolver({ timezone, segments, attributeTypes }), { timezone });
  return depth === 0 && !filtersOn(query, 'archived') ? sql`(${condition} and not ${contacts.archived})` : condition;
}
