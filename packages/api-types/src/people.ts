/**
 * The Inbox's contacts, companies and segments pages (`/app-api/contacts`, `/app-api/companies`,
 * `/app-api/segments`). The contact profile itself (`ContactProfile`) is in inbox.ts.
 */
import type { ContactProfile, TagSummary } from './inbox.ts';

export type ContactNote = ContactProfile['notes'][number];

/** One condition on a contact field: built-in (`email`, `created_at`, …) or `custom_attributes.<name>`. */
export interface ContactCondition {
  field: string;
  operator: '=' | '!=' | '~' | '!~' | '^' | '$' | '>' | '<';
  /** Dates are Unix seconds and compare by day in the workspace's time zone. */
  value: string | number | boolean | null;
}

/**
 * The filters of the contacts page, combined with AND. In GET /app-api/contacts they are query
 * parameters (`conditions` JSON-encoded); POST /app-api/segments saves them as a segment.
 */
export interface ContactFilters {
  role?: 'user' | 'lead';
  /** Name or email contains this text (case-insensitive). */
  text?: string;
  tag_id?: string;
  segment_id?: string;
  /** At most 10. */
  conditions?: ContactCondition[];
}

/** A row of the contacts list (and of a company's contacts). */
export interface ContactListItem {
  id: string;
  role: 'user' | 'lead';
  name: string | null;
  email: string | null;
  phone: string | null;
  avatar: string | null;
  created_at: number;
  last_seen_at: number | null;
  custom_attributes: Record<string, string | number | boolean | null>;
  tags: TagSummary[];
}

/**
 * GET /app-api/contacts?role&text&tag_id&segment_id&conditions=<JSON ContactCondition[]>&cursor&per_page=25
 * Oldest first (the order of the REST list). `next` is an opaque cursor, null on the last page.
 */
export interface ContactPage {
  contacts: ContactListItem[];
  next: string | null;
  total: number;
}

/**
 * PUT /app-api/contacts/:id {name?, email?, phone?, custom_attributes?} → ContactProfile (permission
 * `reply`; custom attributes are checked against the declared data attributes).
 * POST /app-api/contacts/:id/notes {body} → ContactNote (201).
 * POST /app-api/contacts/:id/tags {tag_id} or {name} (finds or creates the tag) → TagSummary;
 * DELETE /app-api/contacts/:id/tags/:tag_id → 204. All need `reply`.
 */
export interface ContactUpdate {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  custom_attributes?: Record<string, string | number | boolean | null>;
}

/** GET /app-api/segments?include_count=true → {segments}; POST {name, filters: ContactFilters} → Segment (201). */
export interface Segment {
  id: string;
  name: string;
  person_type: 'contact' | 'user' | 'lead';
  created_at: number;
  /** Present when asked for (`include_count=true`) and in the answer to POST. */
  count?: number;
}
export interface SegmentList {
  segments: Segment[];
}
export interface NewSegmentRequest {
  name: string;
  filters: ContactFilters;
}

/** A row of the companies list. */
export interface CompanySummary {
  id: string;
  company_id: string;
  name: string | null;
  plan: string | null;
  website: string | null;
  industry: string | null;
  size: number | null;
  monthly_spend: number;
  user_count: number;
  created_at: number;
  last_request_at: number | null;
  tags: TagSummary[];
}

/** GET /app-api/companies?text&tag_id&page&per_page=25 — newest first, offset pages (`next_page` null on the last). */
export interface CompanyPage {
  companies: CompanySummary[];
  total: number;
  page: number;
  next_page: number | null;
}

/** GET /app-api/companies/:id */
export interface CompanyProfile extends CompanySummary {
  session_count: number;
  custom_attributes: Record<string, string | number | boolean | null>;
}

/** GET /app-api/companies/:id/contacts?page → the company's contacts (archived ones left out). */
export interface CompanyContactPage {
  contacts: ContactListItem[];
  total: number;
  page: number;
  next_page: number | null;
}
