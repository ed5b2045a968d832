/**
 * The Inbox app API (`/app-api`): session-authenticated JSON used by the Inbox.
 * Cookie `fd_session` (HttpOnly) carries the session; every POST/PUT/PATCH/DELETE must echo the
 * readable cookie `fd_csrf` in the `X-CSRF-Token` header. Errors use Intercom's envelope (`ErrorList`).
 */

export interface ErrorList {
  type: 'error.list';
  request_id: string;
  errors: { code: string; message: string; field?: string }[];
}

export type Role = 'owner' | 'admin' | 'agent';

export const permissionNames = [
  'reply',
  'manage_teammates',
  'manage_settings',
  'manage_api_tokens',
  'export_data',
  'manage_billing',
  'access_all_conversations',
  'view_audit_log',
] as const;
export type Permission = (typeof permissionNames)[number];
export type Permissions = Record<Permission, boolean>;

export interface SessionTeammate {
  id: string;
  name: string;
  email: string;
  two_factor_enabled: boolean;
}

export interface WorkspaceSummary {
  id_code: string;
  name: string;
  role: Role;
}

/** GET /app-api/session, and the answer to signup, login, two-factor login, invite acceptance, switch. */
export interface Session {
  type: 'session';
  teammate: SessionTeammate;
  workspace: WorkspaceSummary;
  workspaces: WorkspaceSummary[];
  permissions: Permissions;
  /**
   * The workspace requires two-factor authentication and this teammate has not turned it on: every
   * /app-api route but the session, account, logout and workspace-switch ones answers 403
   * `two_factor_required` until they enrol.
   */
  two_factor_required: boolean;
  /** This teammate's away mode in this workspace (see AwayMode). */
  away_mode: AwayMode;
}

/**
 * Away mode, per teammate and workspace (Intercom's `away_mode_enabled`/`away_mode_reassign`): others
 * see who is away; an away teammate still works. With `away_mode_reassign`, a contact's reply to a
 * conversation assigned to them while away unassigns it.
 * PUT /app-api/session/away-mode {away_mode_enabled, away_mode_reassign?} → Session.
 */
export interface AwayMode {
  away_mode_enabled: boolean;
  away_mode_reassign: boolean;
}

/** POST /app-api/login when the account has two-factor enabled: a pending session cookie is set. */
export interface TwoFactorRequired {
  type: 'two_factor_required';
}

export interface SignupRequest {
  name: string;
  email: string;
  password: string;
  workspace_name: string;
}
export interface LoginRequest {
  email: string;
  password: string;
}
/** POST /app-api/login/two-factor: exactly one of the two. */
export interface TwoFactorLoginRequest {
  code?: string;
  recovery_code?: string;
}
export interface SwitchWorkspaceRequest {
  id_code: string;
}
/** POST /app-api/account/password → 204. Ends every other session of the teammate. */
export interface ChangePasswordRequest {
  current_password: string;
  new_password: string;
}
/** POST /app-api/account/two-factor/setup → a new secret, not active until enabled. */
export interface TwoFactorSetup {
  secret: string;
  otpauth_uri: string;
  /** data:image/svg+xml;base64,... */
  qr_code: string;
}
/** POST /app-api/account/two-factor/enable {code} → recovery codes, shown once. */
export interface TwoFactorEnabled {
  recovery_codes: string[];
}
/** POST /app-api/account/two-factor/disable {password} → 204. */
export interface DisableTwoFactorRequest {
  password: string;
}

export interface Teammate {
  id: string;
  name: string;
  email: string;
  role: Role;
  two_factor_enabled: boolean;
  created_at: number;
  away_mode_enabled: boolean;
  away_mode_reassign: boolean;
}
export interface Invite {
  id: string;
  email: string;
  role: Role;
  created_at: number;
  expires_at: number;
  /** Present only in the answer to POST /app-api/invites. */
  invite_url?: string;
}
/** GET /app-api/teammates */
export interface TeammateList {
  teammates: Teammate[];
  invites: Invite[];
}
/** POST /app-api/invites → Invite with invite_url. DELETE /app-api/invites/:id → 204. */
export interface CreateInviteRequest {
  email: string;
  role: Role;
}
/** PUT /app-api/teammates/:id/role → Teammate */
export interface ChangeRoleRequest {
  role: Role;
}
/** GET /app-api/invites/:token (no session needed) */
export interface InvitePreview {
  workspace_name: string;
  email: string;
  inviter_name: string;
  /** true when an account with this email exists: accepting asks for its password instead of a new one */
  existing_account: boolean;
}
/** POST /app-api/invites/:token/accept → Session. `name` is required for a new account. */
export interface AcceptInviteRequest {
  name?: string;
  password: string;
}

export interface ApiToken {
  id: string;
  name: string;
  /** The first characters of the token, to recognise it. */
  prefix: string;
  created_at: number;
  last_used_at: number | null;
  created_by: { id: string; name: string } | null;
  /** Present only in the answer to POST /app-api/api-tokens: shown once. */
  token?: string;
}
/** GET /app-api/api-tokens → {tokens}. POST {name} → ApiToken with token. DELETE /app-api/api-tokens/:id → 204. */
export interface ApiTokenList {
  tokens: ApiToken[];
}
export interface CreateApiTokenRequest {
  name: string;
}

export interface AuditEvent {
  id: string;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  target: { type: string; id: string } | null;
  ip: string | null;
  metadata: Record<string, unknown>;
  created_at: number;
}
/** GET /app-api/audit-events?before=<id> → newest first, 50 a page. */
export interface AuditEventList {
  events: AuditEvent[];
  next_before: string | null;
}
export * from './messenger.ts';
export * from './inbox.ts';
export * from './people.ts';
export * from './settings.ts';
