import type { AuditEventList } from '@frontdesk/api-types';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { findTeammates } from '../teammates/accounts.ts';
import * as data from './data.ts';

const pageSize = 50;

export async function listAuditEvents(platform: Platform, actor: Actor, before: number | null): Promise<AuditEventList> {
  requirePermission(actor, 'view_audit_log');
  const db = platform.database.orm;
  const rows = await data.listAuditEvents(db, actor.workspaceId, before, pageSize + 1);
  const page = rows.slice(0, pageSize);
  const actors = new Map((await findTeammates(db, [...new Set(page.flatMap((row) => (row.actorId === null ? [] : [row.actorId])))])).map((t) => [t.id, t]));
  return {
    events: page.map((row) => {
      const actorRow = row.actorId === null ? undefined : actors.get(row.actorId);
      return {
        id: String(row.id),
        action: row.action,
        actor: actorRow ? { id: String(actorRow.id), name: actorRow.name, email: actorRow.email } : null,
        target: row.targetType && row.targetId ? { type: row.targetType, id: row.targetId } : null,
        ip: row.ip,
        metadata: row.metadata as Record<string, unknown>,
        created_at: Math.floor(row.createdAt.getTime() / 1000),
      };
    }),
    next_before: rows.length > pageSize ? String(page.at(-1)?.id) : null,
  };
}
