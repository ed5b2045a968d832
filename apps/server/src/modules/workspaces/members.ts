import type { Invite, InvitePreview, Role, Teammate, TeammateList } from '@frontdesk/api-types';
import { hashToken, randomToken } from '../../platform/crypto/tokens.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import { AppError, conflict, invalid, notFound, unauthorized } from '../../platform/http/errors.ts';
import type { Platform, RequestMeta } from '../../platform/platform.ts';
import { createAccount, findTeammateByEmail, findTeammates, normalizeEmail } from '../teammates/accounts.ts';
import { verifyPassword } from '../teammates/passwords.ts';
import { startSession } from '../teammates/sessions.ts';
import * as data from './data.ts';
import { rolePermissions } from './roles.ts';

const inviteLifetimeMs = 7 * 24 * 3600 * 1000;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function toInvite(row: data.InviteRow): Invite {
  return { id: String(row.id), email: row.email, role: row.role as Role, created_at: seconds(row.createdAt), expires_at: seconds(row.expiresAt) };
}

export async function listTeammates(platform: Platform, actor: Actor): Promise<TeammateList> {
  const db = platform.database.orm;
  const memberships = await data.listMemberships(db, actor.workspaceId);
  const people = new Map((await findTeammates(db, memberships.map((m) => m.teammateId))).map((t) => [t.id, t]));
  const teammates: Teammate[] = memberships.flatMap((membership) => {
    const person = people.get(membership.teammateId);
    if (!person) return [];
    return [{
      id: String(person.id),
      name: person.name,
      email: person.email,
      role: membership.role as Role,
      two_factor_enabled: person.twoFactorEnabledAt !== null,
      created_at: seconds(membership.createdAt),
      away_mode_enabled: membership.awayModeEnabled,
      away_mode_reassign: membership.awayModeReassign,
    }];
  });
  const canSeeInvites = actor.permissions.manage_teammates;
  const invites = canSeeInvites ? (await data.listOpenInvites(db, actor.workspaceId)).map(toInvite) : [];
  return { teammates, invites };
}

export async function createInvite(
  platform: Platform,
  actor: Actor,
  input: { email: string; role: Role },
  meta: RequestMeta,
): Promise<Invite & { invite_url: string }> {
  requirePermission(actor, 'manage_teammates');
  if (input.role === 'owner' && actor.role !== 'owner') throw new AppError(403, 'forbidden', 'Only an owner can invite another owner');
  const email = normalizeEmail(input.email);
  const db = platform.database.orm;
  const existing = await findTeammateByEmail(db, email);
  if (existing && (await data.findMembership(db, actor.workspaceId, existing.id))) {
    throw conflict(`${email} is already a teammate in this workspace`, 'email');
  }
  const token = randomToken('', 24);
  const row = await platform.database.transaction(async (tx) => {
    await data.revokeOpenInvitesTo(tx, actor.workspaceId, email);
    const invite = await data.insertInvite(tx, {
      workspaceId: actor.workspaceId,
      email,
      role: input.role,
      tokenHash: hashToken(token),
      invitedBy: actor.teammateId,
      expiresAt: new Date(Date.now() + inviteLifetimeMs),
    });
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'invite',
      aggregateId: String(invite.id),
      type: 'teammate.invited',
      payload: { actor_id: actor.teammateId, ip: meta.ip, email, role: input.role },
    });
    return invite;
  });
  const inviteUrl = `${platform.config.publicUrl}/invite/${token}`;
  // No email delivery yet: the link is shown to the inviter and logged for the operator.
  platform.log.info({ email, inviteUrl }, 'teammate invited');
  return { ...toInvite(row), invite_url: inviteUrl };
}

export async function revokeInvite(platform: Platform, actor: Actor, inviteId: number, meta: RequestMeta): Promise<void> {
  requirePermission(actor, 'manage_teammates');
  await platform.database.transaction(async (tx) => {
    const revoked = await data.revokeInvite(tx, actor.workspaceId, inviteId);
    if (!revoked) throw notFound('Invite');
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'invite',
      aggregateId: String(inviteId),
      type: 'teammate.invite_revoked',
      payload: { actor_id: actor.teammateId, ip: meta.ip, email: revoked.email },
    });
  });
}

async function openInvite(platform: Platform, token: string) {
  const invite = await data.findOpenInviteByTokenHash(platform.database.orm, hashToken(token));
  if (!invite) throw notFound('Invite (it may have expired, been used or been revoked)');
  return invite;
}

export async function previewInvite(platform: Platform, token: string): Promise<InvitePreview> {
  const invite = await openInvite(platform, token);
  const db = platform.database.orm;
  const workspace = await data.findWorkspace(db, invite.workspaceId);
  const [inviter] = await findTeammates(db, [invite.invitedBy]);
  return {
    workspace_name: workspace?.name ?? '',
    email: invite.email,
    inviter_name: inviter?.name ?? '',
    existing_account: (await findTeammateByEmail(db, invite.email)) !== undefined,
  };
}

/** Joins the invite's workspace, with a new account or the existing one's password; signs in. */
export async function acceptInvite(
  platform: Platform,
  token: string,
  input: { name?: string; password: string },
  meta: RequestMeta,
): Promise<{ token: string; workspaceId: number }> {
  const invite = await openInvite(platform, token);
  const existing = await findTeammateByEmail(platform.database.orm, invite.email);
  if (existing && !(await verifyPassword(existing.passwordHash, input.password))) {
    throw unauthorized('Password is incorrect for the existing account of this email');
  }
  if (!existing && !input.name?.trim()) throw invalid('Your name is required', 'name');
  return platform.database.transaction(async (tx) => {
    const teammate = existing ?? (await createAccount(tx, { email: invite.email, name: input.name ?? '', password: input.password }));
    if (!(await data.findMembership(tx, invite.workspaceId, teammate.id))) {
      const role = invite.role as Role;
      await data.insertMembership(tx, { workspaceId: invite.workspaceId, teammateId: teammate.id, role, permissions: rolePermissions[role] });
    }
    await data.markInviteAccepted(tx, invite.workspaceId, invite.id);
    await appendEvent(tx, {
      workspaceId: invite.workspaceId,
      aggregateType: 'teammate',
      aggregateId: String(teammate.id),
      type: 'teammate.joined',
      payload: { actor_id: teammate.id, ip: meta.ip, role: invite.role, invited_by: invite.invitedBy },
    });
    const sessionToken = await startSession(tx, teammate.id, invite.workspaceId, meta);
    return { token: sessionToken, workspaceId: invite.workspaceId };
  });
}

export async function changeRole(platform: Platform, actor: Actor, teammateId: number, role: Role, meta: RequestMeta): Promise<Teammate> {
  requirePermission(actor, 'manage_teammates');
  await platform.database.transaction(async (tx) => {
    const membership = await data.findMembership(tx, actor.workspaceId, teammateId);
    if (!membership) throw notFound('Teammate');
    const from = membership.role as Role;
    if ((from === 'owner' || role === 'owner') && actor.role !== 'owner') {
      throw new AppError(403, 'forbidden', 'Only an owner can grant or remove the owner role');
    }
    if (from === 'owner' && role !== 'owner') {
      const owners = (await data.listMemberships(tx, actor.workspaceId)).filter((m) => m.role === 'owner');
      if (owners.length <= 1) throw invalid('A workspace needs at least one owner; make someone else owner first', 'role');
    }
    if (from === role) return;
    await data.updateMembershipRole(tx, actor.workspaceId, teammateId, role, rolePermissions[role]);
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'teammate',
      aggregateId: String(teammateId),
      type: 'teammate.role_changed',
      payload: { actor_id: actor.teammateId, ip: meta.ip, teammate_id: teammateId, from, to: role },
    });
  });
  const list = await listTeammates(platform, actor);
  const changed = list.teammates.find((teammate) => teammate.id === String(teammateId));
  if (!changed) throw notFound('Teammate');
  return changed;
}
