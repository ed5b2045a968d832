import type { InboxView, SavedViewInput, ViewFilters } from '@frontdesk/api-types';
import { and, type SQL } from 'drizzle-orm';
import { appendEvent } from '../../platform/events/outbox.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as data from './data.ts';
import { checkViewFilters, compileViewFilters } from './view-filters.ts';
import { viewerOf } from './viewer.ts';
import { countCap, toInboxView } from './views.ts';

/**
 * Saved views belong to the workspace: any teammate may add, change or remove one, and each teammate
 * sees it with their own count (their visibility, "me" as themselves).
 */

const viewNotFound = () => new AppError(404, 'not_found', 'View not found');

/** "view:12" (as InboxView ids read) or "12". */
function savedViewId(id: string): number {
  const match = /^(?:view:)?([0-9]{1,15})$/.exec(id);
  if (!match) throw viewNotFound();
  return Number(match[1]);
}

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('Give the view a name', 'name');
  return trimmed;
}

async function withCount(platform: Platform, actor: Actor, row: data.SavedViewRow): Promise<InboxView> {
  const db = platform.database.orm;
  const viewer = await viewerOf(db, actor);
  const filters = row.filters as ViewFilters;
  const compiled = await compileViewFilters(db, viewer, filters);
  const where = and(data.inWorkspace(actor.workspaceId), data.visibleCondition(viewer), data.inState(filters.state ?? 'open'), compiled.condition) as SQL;
  const [count] = await data.counts(db, [data.countConversations(where, countCap, compiled.tagId)]);
  return toInboxView(row, count ?? 0);
}

const event = (actor: Actor, type: string, row: data.SavedViewRow) => ({
  workspaceId: actor.workspaceId,
  aggregateType: 'saved_view',
  aggregateId: String(row.id),
  type,
  payload: { actor_id: actor.teammateId, saved_view_id: String(row.id), name: row.name },
});

export async function createSavedView(platform: Platform, actor: Actor, input: SavedViewInput): Promise<InboxView> {
  const name = cleanName(input.name);
  const filters = await checkViewFilters(platform.database.orm, actor.workspaceId, input.filters);
  const row = await platform.database.transaction(async (tx) => {
    const inserted = await data.insertSavedView(tx, { workspaceId: actor.workspaceId, name, filters, createdBy: actor.teammateId });
    await appendEvent(tx, event(actor, 'saved_view.created', inserted));
    return inserted;
  });
  return withCount(platform, actor, row);
}

export async function updateSavedView(platform: Platform, actor: Actor, id: string, input: Partial<SavedViewInput>): Promise<InboxView> {
  const db = platform.database.orm;
  const existing = await data.findSavedView(db, actor.workspaceId, savedViewId(id));
  if (!existing) throw viewNotFound();
  const name = input.name === undefined ? existing.name : cleanName(input.name);
  const filters = input.filters === undefined ? (existing.filters as ViewFilters) : await checkViewFilters(db, actor.workspaceId, input.filters);
  const row = await platform.database.transaction(async (tx) => {
    const updated = await data.updateSavedView(tx, actor.workspaceId, existing.id, { name, filters });
    if (!updated) throw viewNotFound();
    await appendEvent(tx, event(actor, 'saved_view.updated', updated));
    return updated;
  });
  return withCount(platform, actor, row);
}

export async function deleteSavedView(platform: Platform, actor: Actor, id: string): Promise<void> {
  const viewId = savedViewId(id);
  await platform.database.transaction(async (tx) => {
    const deleted = await data.deleteSavedView(tx, actor.workspaceId, viewId);
    if (!deleted) throw viewNotFound();
    await appendEvent(tx, event(actor, 'saved_view.deleted', deleted));
  });
}
