import type { Tx } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { listWorkspaceSummaries } from '../workspaces/service.ts';

/**
 * A teammate's account spans workspaces; sign-ins and security changes are recorded in each of them,
 * so every workspace's audit log shows what happened to its teammates.
 */
export async function appendAccountEvent(tx: Tx, teammateId: number, type: string, payload: Record<string, unknown>): Promise<void> {
  for (const workspace of await listWorkspaceSummaries(tx, teammateId)) {
    await appendEvent(tx, { workspaceId: workspace.id, aggregateType: 'teammate', aggregateId: String(teammateId), type, payload });
  }
}
