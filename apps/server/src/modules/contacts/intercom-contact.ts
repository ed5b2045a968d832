import { Type } from 'typebox';
import type { contacts } from './tables.ts';

export type ContactRow = typeof contacts.$inferSelect;

/**
 * The rarely queried standard attributes kept in `contacts.profile` (jsonb). Writers (the Messenger,
 * the API) store them under these names; timestamps inside are Unix seconds.
 */
export interface ContactProfile {
  language_override?: string | null;
  browser?: string | null;
  browser_version?: string | null;
  browser_language?: string | null;
  os?: string | null;
  location?: { country?: string | null; region?: string | null; city?: string | null; country_code?: string | null; continent_code?: string | null };
  social_profiles?: { name: string; url: string }[];
  utm_campaign?: string | null;
  utm_content?: string | null;
  utm_medium?: string | null;
  utm_source?: string | null;
  utm_term?: string | null;
  referrer?: string | null;
  enabled_push_messaging?: boolean | null;
  [mobile: `${'android' | 'ios'}_${string}`]: string | number | null | undefined;
}

export const profileStrings = [
  'language_override',
  'browser',
  'browser_version',
  'browser_language',
  'os',
  'utm_campaign',
  'utm_content',
  'utm_medium',
  'utm_source',
  'utm_term',
  'referrer',
] as const;
export const mobileStrings = ['app_name', 'app_version', 'device', 'os_version', 'sdk_version'] as const;
export const locationFields = ['country', 'region', 'city', 'country_code', 'continent_code'] as const;

/** The twelve `android_*` / `ios_*` fields of the contact shape. */
type MobileFields = { [K in `${'android' | 'ios'}_${(typeof mobileStrings)[number]}`]: string | null } & {
  android_last_seen_at: number | null;
  ios_last_seen_at: number | null;
};

/** What a contact is linked to, as `{type, id}` references (the first few) and a total. */
export interface LinkedList {
  ids: string[];
  totalCount: number;
}

export interface ContactRelations {
  workspaceIdCode: string;
  tags: LinkedList;
  notes: LinkedList;
  companies: LinkedList;
}

/** How many linked objects a contact shows inline; the list's url gives the rest. */
export const inlineLimit = 10;

const seconds = (date: Date | null | undefined) => (date ? Math.floor(date.getTime() / 1000) : null);
const text = (value: unknown) => (typeof value === 'string' ? value : null);
const integer = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? Math.floor(value) : null);

function linkedList(contactId: string, path: string, type: string, itemPath: string, list: LinkedList) {
  return {
    type: 'list' as const,
    data: list.ids.slice(0, inlineLimit).map((id) => ({ type, id, url: `/${itemPath}/${id}` })),
    url: `/contacts/${contactId}/${path}`,
    total_count: list.totalCount,
    has_more: list.totalCount > Math.min(list.ids.length, inlineLimit),
  };
}

export function emailDomain(email: string | null): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  return email && at >= 0 ? email.slice(at + 1).toLowerCase() : null;
}

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
/** An object whose keys are the client's own: every key is kept by the serializer. */
const openObject = () => Type.Object({}, { additionalProperties: true });

const linkedListSchema = Type.Object({
  type: Type.Literal('list'),
  data: Type.Array(Type.Object({ type: Type.String(), id: Type.String(), url: Type.String() })),
  url: Type.String(),
  total_count: Type.Integer(),
  has_more: Type.Boolean(),
});

/**
 * The response schema of the `contact` shape. It lists every field `toIntercomContact` returns: the
 * serializer drops unlisted fields, and keeps every key of `custom_attributes` (an open object).
 */
export const intercomContact = Type.Object({
  type: Type.Literal('contact'),
  id: Type.String(),
  workspace_id: Type.String(),
  external_id: nullable(Type.String()),
  role: Type.Union([Type.Literal('user'), Type.Literal('lead')]),
  email: nullable(Type.String()),
  email_domain: nullable(Type.String()),
  phone: nullable(Type.String()),
  name: nullable(Type.String()),
  avatar: nullable(Type.String()),
  owner_id: nullable(Type.Integer()),
  social_profiles: Type.Object({
    type: Type.Literal('list'),
    data: Type.Array(Type.Object({ type: Type.Literal('social_profile'), name: Type.String(), url: Type.String() })),
  }),
  has_hard_bounced: Type.Boolean(),
  marked_email_as_spam: Type.Boolean(),
  unsubscribed_from_emails: Type.Boolean(),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
  signed_up_at: nullable(Type.Integer()),
  last_seen_at: nullable(Type.Integer()),
  last_replied_at: nullable(Type.Integer()),
  last_contacted_at: nullable(Type.Integer()),
  last_email_opened_at: nullable(Type.Integer()),
  last_email_clicked_at: nullable(Type.Integer()),
  language_override: nullable(Type.String()),
  browser: nullable(Type.String()),
  browser_version: nullable(Type.String()),
  browser_language: nullable(Type.String()),
  os: nullable(Type.String()),
  location: Type.Object({
    type: Type.Literal('location'),
    country: nullable(Type.String()),
    region: nullable(Type.String()),
    city: nullable(Type.String()),
    country_code: nullable(Type.String()),
    continent_code: nullable(Type.String()),
  }),
  android_app_name: nullable(Type.String()),
  android_app_version: nullable(Type.String()),
  android_device: nullable(Type.String()),
  android_os_version: nullable(Type.String()),
  android_sdk_version: nullable(Type.String()),
  android_last_seen_at: nullable(Type.Integer()),
  ios_app_name: nullable(Type.String()),
  ios_app_version: nullable(Type.String()),
  ios_device: nullable(Type.String()),
  ios_os_version: nullable(Type.String()),
  ios_sdk_version: nullable(Type.String()),
  ios_last_seen_at: nullable(Type.Integer()),
  custom_attributes: openObject(),
  tags: linkedListSchema,
  notes: linkedListSchema,
  companies: linkedListSchema,
  opted_out_subscription_types: linkedListSchema,
  opted_in_subscription_types: linkedListSchema,
  utm_campaign: nullable(Type.String()),
  utm_content: nullable(Type.String()),
  utm_medium: nullable(Type.String()),
  utm_source: nullable(Type.String()),
  utm_term: nullable(Type.String()),
  referrer: nullable(Type.String()),
  enabled_push_messaging: nullable(Type.Boolean()),
});

/** `pages` of a cursor list (`next` only when another page exists). */
export const intercomCursorPages = Type.Object({
  type: Type.Literal('pages'),
  page: Type.Integer(),
  per_page: Type.Integer(),
  total_pages: Type.Integer(),
  next: Type.Optional(Type.Object({ page: Type.Integer(), per_page: Type.Integer(), starting_after: Type.String() })),
});

/** `pages` of an offset list (`next` is the next page's URL, only when there is one). */
export const intercomOffsetPages = Type.Object({
  type: Type.Literal('pages'),
  page: Type.Integer(),
  per_page: Type.Integer(),
  total_pages: Type.Integer(),
  next: Type.Optional(Type.String()),
});

/** `GET /contacts`, `POST /contacts/search`: a cursor list. */
export const intercomContactList = Type.Object({
  type: Type.Literal('list'),
  data: Type.Array(intercomContact),
  total_count: Type.Integer(),
  pages: intercomCursorPages,
});

/** `GET /companies/{id}/contacts`: an offset list. */
export const intercomContactOffsetList = Type.Object({
  type: Type.Literal('list'),
  data: Type.Array(intercomContact),
  total_count: Type.Integer(),
  pages: intercomOffsetPages,
});

export const intercomContactDeleted = Type.Object({
  type: Type.Literal('contact'),
  id: Type.String(),
  external_id: nullable(Type.String()),
  deleted: Type.Literal(true),
});

/** `POST /contacts/{id}/archive` and `/unarchive`. */
export const intercomContactArchived = Type.Object({
  type: Type.Literal('contact'),
  id: Type.String(),
  external_id: nullable(Type.String()),
  archived: Type.Boolean(),
});

/** The Intercom `contact` shape: every field present, unknown values null. */
export function toIntercomContact(row: ContactRow, relations: ContactRelations) {
  const profile = (row.profile ?? {}) as ContactProfile;
  const location = profile.location ?? {};
  const mobile: Record<string, string | number | null> = {};
  for (const platform of ['android', 'ios'] as const) {
    for (const field of mobileStrings) mobile[`${platform}_${field}`] = text(profile[`${platform}_${field}`]);
    mobile[`${platform}_last_seen_at`] = integer(profile[`${platform}_last_seen_at`]);
  }
  const strings = Object.fromEntries(profileStrings.map((field) => [field, text(profile[field])])) as Record<(typeof profileStrings)[number], string | null>;
  const noSubscriptions = { type: 'list' as const, data: [], url: `/contacts/${row.id}/subscriptions`, total_count: 0, has_more: false };
  return {
    type: 'contact' as const,
    id: row.id,
    workspace_id: relations.workspaceIdCode,
    external_id: row.externalId,
    role: row.role as 'user' | 'lead',
    email: row.email,
    email_domain: emailDomain(row.email),
    phone: row.phone,
    name: row.name,
    avatar: row.avatar,
    owner_id: row.ownerId,
    social_profiles: {
      type: 'list' as const,
      data: (profile.social_profiles ?? []).map((social) => ({ type: 'social_profile' as const, name: social.name, url: social.url })),
    },
    has_hard_bounced: row.hasHardBounced,
    marked_email_as_spam: row.markedEmailAsSpam,
    unsubscribed_from_emails: row.unsubscribedFromEmails,
    created_at: seconds(row.createdAt) as number,
    updated_at: seconds(row.updatedAt) as number,
    signed_up_at: seconds(row.signedUpAt),
    last_seen_at: seconds(row.lastSeenAt),
    last_replied_at: seconds(row.lastRepliedAt),
    last_contacted_at: seconds(row.lastContactedAt),
    last_email_opened_at: seconds(row.lastEmailOpenedAt),
    last_email_clicked_at: seconds(row.lastEmailClickedAt),
    language_override: strings.language_override,
    browser: strings.browser,
    browser_version: strings.browser_version,
    browser_language: strings.browser_language,
    os: strings.os,
    location: {
      type: 'location' as const,
      country: text(location.country),
      region: text(location.region),
      city: text(location.city),
      country_code: text(location.country_code),
      continent_code: text(location.continent_code),
    },
    ...(mobile as MobileFields),
    custom_attributes: (row.customAttributes ?? {}) as Record<string, unknown>,
    tags: linkedList(row.id, 'tags', 'tag', 'tags', relations.tags),
    notes: linkedList(row.id, 'notes', 'note', 'notes', relations.notes),
    companies: linkedList(row.id, 'companies', 'company', 'companies', relations.companies),
    opted_out_subscription_types: noSubscriptions,
    opted_in_subscription_types: noSubscriptions,
    utm_campaign: strings.utm_campaign,
    utm_content: strings.utm_content,
    utm_medium: strings.utm_medium,
    utm_source: strings.utm_source,
    utm_term: strings.utm_term,
    referrer: strings.referrer,
    enabled_push_messaging: typeof profile.enabled_push_messaging === 'boolean' ? profile.enabled_push_messaging : null,
  };
}

export type IntercomContact = ReturnType<typeof toIntercomContact>;

/** `DELETE /contacts/{id}` and the merged-away lead. */
export function toIntercomContactDeleted(row: Pick<ContactRow, 'id' | 'externalId'>) {
  return { type: 'contact' as const, id: row.id, external_id: row.externalId, deleted: true as const };
}

/** `POST /contacts/{id}/archive` and `/unarchive`. */
export function toIntercomContactArchived(row: Pick<ContactRow, 'id' | 'externalId' | 'archived'>) {
  return { type: 'contact' as const, id: row.id, external_id: row.externalId, archived: row.archived };
}
