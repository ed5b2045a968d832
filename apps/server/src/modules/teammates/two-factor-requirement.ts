import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { AppError } from '../../platform/http/errors.ts';
import { requiresTwoFactor } from '../workspaces/service.ts';
import * as data from './data.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route stays open to a teammate who has yet to enrol in a workspace that requires two-factor (session, account, switch). */
    twoFactorExempt?: boolean;
  }
}

/** The workspace requires two-factor authentication and this teammate has not turned it on. */
export async function lacksRequiredTwoFactor(db: Executor, actor: Pick<Actor, 'workspaceId' | 'teammateId'>): Promise<boolean> {
  if (!(await requiresTwoFactor(db, actor.workspaceId))) return false;
  const teammate = await data.findTeammate(db, actor.teammateId);
  return !teammate?.twoFactorEnabledAt;
}

export const twoFactorRequired = () =>
  new AppError(403, 'two_factor_required', 'This workspace requires two-factor authentication: turn it on in your account settings to continue');
