import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import * as data from './data.ts';

/**
 * The stream numbers other modules hand out with what they read over HTTP, so a client that loaded a
 * list or a conversation subscribes from there. Read them BEFORE the rows, or in the same statement
 * (one snapshot): resuming after a number read earlier may repeat an event, never skip one. A number
 * is handed out after its event's transaction committed, so a snapshot that sees the number sees
 * the event's rows.
 */

/** The last number of the workspace's teammate stream (0 before its first event). */
export async function teammateStreamHead(db: Executor, workspaceId: number): Promise<number> {
  return (await data.streamHeads(db, [workspaceId])).get(workspaceId) ?? 0;
}

/** The last number of the workspace's teammate stream as a scalar expression, to read it in the statement that reads the rows. */
export function teammateStreamHeadExpression(workspaceId: number): SQL {
  return data.streamHeadExpression(workspaceId);
}

/** The last number of one conversation's stream (0 before its first event). */
export function conversationStreamHead(db: Executor, workspaceId: number, conversationId: string): Promise<number> {
  return data.conversationHead(db, workspaceId, conversationId);
}
