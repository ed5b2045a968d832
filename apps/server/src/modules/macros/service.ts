import type { MacroAction } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { cleanBody, cleanName } from '../saved-replies/service.ts';
import * as data from './data.ts';
import { findMacro } from './find-macro.ts';
import { resolveMacroActions, storedAction } from './macro-actions.ts';

export type { MacroRow } from './data.ts';
export { findMacro, workspaceTimeZone } from './find-macro.ts';
export { previewMacro } from './preview-macro.ts';
export { runMacro } from './run-macro.ts';

export interface MacroInput {
  name?: string;
  body?: string | null;
  note?: boolean;
  actions?: MacroAction[];
}

export function listMacros(db: Executor, workspaceId: number) {
  return data.listMacros(db, workspaceId);
}

async function cleanValues(db: Executor, workspaceId: number, input: Required<Omit<MacroInput, 'body'>> & { body: string | null }): Promise<data.MacroValues> {
  const name = cleanName(input.name, 'macro');
  const body = input.body === null || input.body.trim() === '' ? null : cleanBody(input.body);
  const actions = input.actions.map(storedAction);
  // Checks that every tag, team and teammate named exists; the snooze times it computes are not kept.
  await resolveMacroActions(db, workspaceId, actions, { timeZone: 'UTC', now: new Date() });
  if (body === null && actions.length === 0) throw invalid('A macro needs a reply or at least one action', 'actions');
  return { name, body, note: input.note, actions };
}

const eventPayload = (actor: Actor, row: data.MacroRow) => ({ actor_id: actor.teammateId, macro_id: String(row.id), name: row.name });

/** Any teammate who may reply may add macros for the whole workspace (as in Intercom). */
export async function createMacro(platform: Platform, actor: Actor, input: MacroInput & { name: string; actions: MacroAction[] }) {
  requirePermission(actor, 'reply');
  const values = await cleanValues(platform.database.orm, actor.workspaceId, { name: input.name, body: input.body ?? null, note: input.note ?? false, actions: input.actions });
  return platform.database.transaction(async (tx) => {
    const row = await data.insertMacro(tx, actor.workspaceId, values, actor.teammateId);
    await appendEvent(tx, { workspaceId: actor.workspaceId, aggregateType: 'macro', aggregateId: String(row.id), type: 'macro.created', payload: eventPayload(actor, row) });
    return row;
  });
}

export async function updateMacro(platform: Platform, actor: Actor, id: string, input: MacroInput) {
  requirePermission(actor, 'reply');
  const db = platform.database.orm;
  const existing = await findMacro(db, actor.workspaceId, id);
  if (!existing) throw notFound('Macro');
  const values = await cleanValues(db, actor.workspaceId, {
    name: input.name ?? existing.name,
    body: input.body === undefined ? existing.body : input.body,
    note: input.note ?? existing.note,
    actions: input.actions ?? existing.actions,
  });
  return platform.database.transaction(async (tx) => {
    const row = await data.updateMacro(tx, actor.workspaceId, existing.id, values);
    if (!row) throw notFound('Macro');
    await appendEvent(tx, { workspaceId: actor.workspaceId, aggregateType: 'macro', aggregateId: String(row.id), type: 'macro.updated', payload: eventPayload(actor, row) });
    return row;
  });
}

export async function deleteMacro(platform: Platform, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'reply');
  const existing = await findMacro(platform.database.orm, actor.workspaceId, id);
  if (!existing) throw notFound('Macro');
  await platform.database.transaction(async (tx) => {
    if (!(await data.deleteMacro(tx, actor.workspaceId, existing.id))) throw notFound('Macro');
    await appendEvent(tx, { workspaceId: actor.workspaceId, aggregateType: 'macro', aggregateId: String(existing.id), type: 'macro.deleted', payload: eventPayload(actor, existing) });
  });
}
