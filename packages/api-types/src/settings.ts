/**
 * Workspace settings pages of the Inbox: teams, tags, webhooks, data attributes, security. Every
 * write needs `manage_settings` unless said otherwise (teams: `manage_teammates`).
 */

/** GET /app-api/teams → {teams}; POST {name, admin_ids?} → 201; PUT /app-api/teams/:id {name?, admin_ids?}; DELETE → 204. */
export interface WorkspaceTeam {
  id: string;
  name: string;
  /** Teammate ids of the members. */
  admin_ids: string[];
}
export interface WorkspaceTeamList {
  teams: WorkspaceTeam[];
}

/**
 * GET /app-api/tags → {tags} (every teammate; how many contacts, companies and conversations carry each).
 * POST /app-api/tags {name} → Tag (201; `reply`; a name already taken, in any case, answers that tag).
 * PUT /app-api/tags/:id {name} → Tag; DELETE /app-api/tags/:id → 204 (400 `tag_has_dependent_objects`
 * while a segment filters on it).
 */
export interface Tag {
  id: string;
  name: string;
  created_at: number;
  usage: { contacts: number; companies: number; conversations: number };
}
export interface TagList {
  tags: Tag[];
}

/** GET /app-api/webhooks → {webhooks}; GET /app-api/webhooks/topics → {topics: string[]}. */
export interface Webhook {
  id: string;
  url: string;
  topics: string[];
  active: boolean;
  /** Why the server switched it off (the receiver answered 410 Gone), or null. */
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
  /** Only in the answer to POST /app-api/webhooks {url, topics}: shown once. */
  secret?: string;
}
export interface WebhookList {
  webhooks: Webhook[];
}

/** PATCH /app-api/webhooks/:id {url?, topics?, active?} → Webhook; DELETE → 204. */
export interface WebhookUpdate {
  url?: string;
  topics?: string[];
  active?: boolean;
}

/** One attempt in the delivery log. */
export interface WebhookDelivery {
  id: string;
  notification_id: string;
  event_id: string | null;
  topic: string;
  attempt: number;
  succeeded: boolean;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  latency_ms: number | null;
  /** The JSON body that was sent. */
  request_body: string;
  created_at: number;
}
/**
 * GET /app-api/webhooks/:id/deliveries?per_page&starting_after → newest first.
 * POST /app-api/webhooks/:id/deliveries/:delivery_id/redeliver → 202 {notification_id, attempt}.
 * POST /app-api/webhooks/:id/ping → 202 {notification_id}.
 */
export interface WebhookDeliveryPage {
  deliveries: WebhookDelivery[];
  next_starting_after: string | null;
}

export type DataAttributeModel = 'contact' | 'company' | 'conversation';
export type DataAttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'date' | 'options';

/**
 * GET /app-api/data-attributes?model=&include_archived=true → {data_attributes} (every teammate:
 * the contact page and filters read them): standard attributes first (`custom: false`, id null), then
 * the workspace's own.
 * POST /app-api/data-attributes {name, model, data_type, options?: string[], description?} → 201;
 * PUT /app-api/data-attributes/:id {description?, archived?, options?: string[]} → DataAttribute.
 */
export interface DataAttribute {
  id: number | null;
  model: DataAttributeModel;
  name: string;
  /** `custom_attributes.<name>` for the workspace's own; the field name for standard ones. */
  full_name: string;
  label: string;
  description: string | null;
  data_type: DataAttributeType | 'datetime';
  options: string[] | null;
  custom: boolean;
  archived: boolean;
  api_writable: boolean;
  messenger_writable: boolean;
  created_at: number | null;
}
export interface DataAttributeList {
  data_attributes: DataAttribute[];
}
export interface NewDataAttributeRequest {
  name: string;
  model: DataAttributeModel;
  data_type: DataAttributeType;
  options?: string[];
  description?: string;
}

/**
 * GET /app-api/workspace/security → SecuritySettings; PUT {require_two_factor} → SecuritySettings
 * (`manage_settings`; turning it on needs two-factor on your own account; audit: app_authentication_method_change).
 * While on, a session of a teammate without two-factor gets 403 `two_factor_required` from every
 * /app-api route except the session, account (password, two-factor enrolment), logout and workspace
 * switch routes, and cannot open the realtime socket. API tokens are unaffected.
 */
export interface SecuritySettings {
  require_two_factor: boolean;
  /** Teammates of the workspace who have not turned two-factor on. */
  teammates_without_two_factor: { id: string; name: string; email: string }[];
}
