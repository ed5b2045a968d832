import type { Executor } from '../../platform/db/database.ts';
import { numericId } from '../saved-replies/service.ts';
import { findWorkspace } from '../workspaces/service.ts';
import * as data from './data.ts';
import { knownTimeZone } from './snooze-time.ts';

/** The macro with this id in the workspace; ids that are not numbers name none. */
export async function findMacro(db: Executor, workspaceId: number, id: string): Promise<data.MacroRow | undefined> {
  const macroId = numericId(id);
  return macroId === undefined ? undefined : data.findMacro(db, workspaceId, macroId);
}

/** The workspace's time zone, which snooze durations ("tomorrow 09:00") are counted in. */
export async function workspaceTimeZone(db: Executor, workspaceId: number): Promise<string> {
  return knownTimeZone((await findWorkspace(db, workspaceId))?.timezone);
}
