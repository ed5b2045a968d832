import type { SecuritySettings } from '@frontdesk/api-types';
import { appendEvent } from '../../platform/events/outbox.ts';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { Platform, RequestMeta } from '../../platform/platform.ts';
import * as data from './data.ts';
import { listTeammates } from './members.ts';

/** The workspace's security settings as the settings page shows them; any teammate may read them. */
export async function securitySettings(platform: Platform, actor: Actor): Promise<SecuritySettings> {
  const workspace = await data.findWorkspace(platform.database.orm, actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  const { teammates } = await listTeammates(platform, actor);
  return {
    require_two_factor: workspace.requireTwoFactor,
    teammates_without_two_factor: teammates.filter((teammate) => !teammate.two_factor_enabled).map(({ id, name, email }) => ({ id, name, email })),
  };
}

/**
 * Requires (or stops requiring) two-factor authentication of every teammate. Turning it on asks the
 * teammate doing it to have two-factor already, so nobody locks the workspace's settings away from
 * everyone who could turn it back off.
 */
export async function setRequireTwoFactor(platform: Platform, actor: Actor, required: boolean, meta: RequestMeta): Promise<SecuritySettings> {
  requirePermission(actor, 'manage_settings');
  const db = platform.database.orm;
  const workspace = await data.findWorkspace(db, actor.workspaceId);
  if (!workspace) throw notFound('Workspace');
  if (required && !workspace.requireTwoFactor) {
    const { teammates } = await listTeammates(platform, actor);
    const self = teammates.find((teammate) => teammate.id === String(actor.teammateId));
    if (!self?.two_factor_enabled) {
      throw new AppError(409, 'two_factor_not_enabled', 'Turn on two-factor authentication for your own account before requiring it for everyone', {
        field: 'require_two_factor',
      });
    }
  }
  if (required !== workspace.requireTwoFactor) {
    await platform.database.transaction(async (tx) => {
      await data.updateRequireTwoFactor(tx, actor.workspaceId, required);
      await appendEvent(tx, {
        workspaceId: actor.workspaceId,
        aggregateType: 'workspace',
        aggregateId: String(actor.workspaceId),
        type: 'workspace.two_factor_requirement_changed',
        payload: { actor_id: actor.teammateId, ip: meta.ip, require_two_factor: required },
      });
    });
  }
  return securitySettings(platform, actor);
}
