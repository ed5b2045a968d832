import type { AwayMode } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform, RequestMeta } from '../../platform/platform.ts';
import * as data from './data.ts';

const awayModeOfRow = (row: { awayModeEnabled: boolean; awayModeReassign: boolean }): AwayMode => ({
  away_mode_enabled: row.awayModeEnabled,
  away_mode_reassign: row.awayModeReassign,
});

/** A teammate's away mode in a workspace (off for someone without a seat). */
export async function findAwayMode(db: Executor, workspaceId: number, teammateId: number): Promise<AwayMode> {
  const membership = await data.findMembership(db, workspaceId, teammateId);
  return membership ? awayModeOfRow(membership) : { away_mode_enabled: false, away_mode_reassign: false };
}

const reassignersByTransaction = new WeakMap<Executor, Map<number, Promise<Set<number>>>>();

/**
 * The teammates of a workspace who are away with "reassign replies" on: a contact's reply to a
 * conversation assigned to one of them unassigns it. Read in the reply's transaction, once per
 * transaction and workspace (a batch of replies shares one read).
 */
export function teammatesReassigningReplies(tx: Executor, workspaceId: number): Promise<Set<number>> {
  let byWorkspace = reassignersByTransaction.get(tx);
  if (!byWorkspace) {
    byWorkspace = new Map();
    reassignersByTransaction.set(tx, byWorkspace);
  }
  let found = byWorkspace.get(workspaceId);
  if (!found) {
    found = data.listAwayReassigning(tx, workspaceId).then((ids) => new Set(ids));
    byWorkspace.set(workspaceId, found);
  }
  return found;
}

/**
 * The signed-in teammate sets themself away (or back) in the current workspace. "Reassign replies" is
 * a preference kept across away spells (left as it is when not given) and acts only while away.
 * Audited as `admin_away_mode_change` when something changed.
 */
export async function setAwayMode(
  platform: Platform,
  actor: Actor,
  input: { away_mode_enabled: boolean; away_mode_reassign?: boolean },
  meta: RequestMeta,
): Promise<AwayMode> {
  return platform.database.transaction(async (tx) => {
    const before = await data.updateAwayMode(tx, actor.workspaceId, actor.teammateId, {
      awayModeEnabled: input.away_mode_enabled,
      ...(input.away_mode_reassign === undefined ? {} : { awayModeReassign: input.away_mode_reassign }),
    });
    if (!before) throw notFound('Teammate');
    const next = { awayModeEnabled: input.away_mode_enabled, awayModeReassign: input.away_mode_reassign ?? before.awayModeReassign };
    if (before.awayModeEnabled === next.awayModeEnabled && before.awayModeReassign === next.awayModeReassign) return awayModeOfRow(next);
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'teammate',
      aggregateId: String(actor.teammateId),
      type: 'teammate.away_mode_changed',
      payload: {
        actor_id: actor.teammateId,
        ip: meta.ip,
        from: awayModeOfRow(before),
        to: awayModeOfRow(next),
      },
    });
    return awayModeOfRow(next);
  });
}
