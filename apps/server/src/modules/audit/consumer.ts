import type { Consumer } from '../../platform/events/dispatcher.ts';
import type { StoredEvent } from '../../platform/events/outbox.ts';
import * as data from './data.ts';

/** Domain events that are sensitive actions, and the audit action (Intercom's names) each becomes. */
const actions: Record<string, string> = {
  'workspace.created': 'app_creation',
  'teammate.logged_in': 'admin_login_success',
  'teammate.login_failed': 'admin_login_failure',
  'teammate.logged_out': 'admin_logout',
  'teammate.password_changed': 'admin_password_reset_success',
  'teammate.two_factor_enabled': 'admin_two_factor_auth_change',
  'teammate.two_factor_disabled': 'admin_two_factor_auth_change',
  'teammate.invited': 'admin_invite_creation',
  'teammate.invite_revoked': 'admin_invite_deletion',
  'teammate.joined': 'app_admin_join',
  'teammate.role_changed': 'role_change',
  'teammate.away_mode_changed': 'admin_away_mode_change',
  'api_token.created': 'api_token_creation',
  'api_token.revoked': 'api_token_revocation',
  'messenger.identity_secret_rotated': 'app_identity_verification_change',
  'messenger.identity_verification_changed': 'app_identity_verification_change',
  'messenger.customization_changed': 'messenger_look_and_feel_change',
  'messenger.content_safety_changed': 'security_settings_change',
  'workspace.two_factor_requirement_changed': 'app_authentication_method_change',
};

function toAuditRow(event: StoredEvent) {
  const action = actions[event.type];
  if (!action) return [];
  const { actor_id, ip, ...metadata } = event.payload as { actor_id?: number | null; ip?: string | null };
  return [{
    workspaceId: event.workspaceId,
    eventId: event.eventId,
    action,
    actorId: actor_id ?? null,
    targetType: event.aggregateType,
    targetId: event.aggregateId,
    ip: ip ?? null,
    metadata: { ...metadata, event: event.type },
    createdAt: event.createdAt,
  }];
}

export const auditConsumer: Consumer = {
  name: 'audit',
  paceMs: 100,
  async handle(events, tx) {
    await data.insertAuditEvents(tx, events.flatMap(toAuditRow));
  },
};
