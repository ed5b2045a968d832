import type { ConversationState, InboxView, InboxViewList, ViewFilters } from '@frontdesk/api-types';
import { and, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import { listTeams } from '../teams/service.ts';
import * as data from './data.ts';
import { type CompiledViewFilters, compileViewFilters } from './view-filters.ts';
import { type Viewer, viewerOf } from './viewer.ts';

/** Counts stop here: a busier inbox shows "1000+" (counting further would cost more than the list itself). */
export const countCap = 1_000;

const viewNotFound = () => new AppError(404, 'not_found', 'View not found');

/** A view as the list query applies it: its condition (visibility and state aside) and its own state, if any. */
export interface ResolvedView {
  condition: SQL;
  /** The tag the view keeps to (read from its own rows: data.ts `listed`). */
  tagId?: number;
  state?: ConversationState;
  /** Everything in it is visible to the teammate (their own conversations, their team's): no visibility filter needed. */
  allVisible?: boolean;
}

/** The teams a teammate has an inbox for: every team with `access_all_conversations`, else their own. */
async function teamsShown(db: Executor, viewer: Viewer) {
  const teams = await listTeams(db, viewer.workspaceId);
  return viewer.seesAll ? teams : teams.filter((team) => viewer.teamIds.includes(team.id));
}

const mine = (viewer: Viewer) => data.assignedToTeammate(viewer.teammateId);
// Nobody and no team owns it yet.
const unassigned = () => and(data.assignedToTeammate(null), data.assignedToTeam(null)) as SQL;

const builtIn: Record<string, (viewer: Viewer) => SQL> = {
  mine,
  mentions: (viewer) => data.mentionedCondition(viewer.teammateId),
  unassigned,
  all: () => sql`true`,
};

/** A view by its id ("mine", "mentions", "unassigned", "all", "team:<id>", "view:<id>"); 404 when there is no such view for the teammate. */
export async function resolveView(db: Executor, viewer: Viewer, id: string): Promise<ResolvedView> {
  const fixed = builtIn[id];
  if (fixed) return { condition: fixed(viewer), allVisible: id === 'mine' };
  const [kind, rawId] = id.split(':');
  if (!rawId || !/^[0-9]{1,15}$/.test(rawId)) throw invalid(`"${id.slice(0, 40)}" is not a view: use mine, mentions, unassigned, all, team:<id> or view:<id>`, 'view');
  if (kind === 'team') {
    const teamId = Number(rawId);
    // A teammate without access_all_conversations has inboxes for their own teams only: those they know already.
    const shown = viewer.seesAll ? (await teamsShown(db, viewer)).some((candidate) => candidate.id === teamId) : viewer.teamIds.includes(teamId);
    if (!shown) throw viewNotFound();
    return { condition: data.assignedToTeam(teamId), allVisible: viewer.teamIds.includes(teamId) };
  }
  if (kind === 'view') {
    const saved = await data.findSavedView(db, viewer.workspaceId, Number(rawId));
    if (!saved) throw viewNotFound();
    const filters = saved.filters as ViewFilters;
    return { ...(await compileViewFilters(db, viewer, filters)), state: filters.state };
  }
  throw invalid(`"${id.slice(0, 40)}" is not a view: use mine, mentions, unassigned, all, team:<id> or view:<id>`, 'view');
}

export const toInboxView = (row: data.SavedViewRow, count: number): InboxView => ({
  id: `view:${row.id}`,
  name: row.name,
  kind: 'saved',
  count,
  filters: row.filters as ViewFilters,
});

/** The sidebar: the built-in inboxes, one per team and the saved views, each with its count, in one counting statement. */
export async function listInboxViews(db: Executor, actor: Actor): Promise<InboxViewList> {
  const viewer = await viewerOf(db, actor);
  const [teams, saved] = await Promise.all([teamsShown(db, viewer), data.listSavedViews(db, viewer.workspaceId)]);
  const visible = and(data.inWorkspace(viewer.workspaceId), data.visibleCondition(viewer)) as SQL;
  const open = (condition: SQL, state: ConversationState = 'open', allVisible = false, tagId?: number) =>
    data.countConversations(and(allVisible ? data.inWorkspace(viewer.workspaceId) : visible, data.inState(state), condition) as SQL, countCap, tagId);
  const savedFilters = await Promise.all(saved.map((row) => compileViewFilters(db, viewer, row.filters as ViewFilters)));
  const views: Omit<InboxView, 'count'>[] = [
    { id: 'mine', name: 'Your inbox', kind: 'mine' },
    { id: 'mentions', name: 'Mentions', kind: 'mentions' },
    { id: 'unassigned', name: 'Unassigned', kind: 'unassigned' },
    { id: 'all', name: 'All', kind: 'all' },
    ...teams.map((team) => ({ id: `team:${team.id}`, name: team.name, kind: 'team' as const })),
  ];
  const found = await data.counts(db, [
    open(mine(viewer), 'open', true),
    data.countUnreadMentions(viewer.workspaceId, viewer.teammateId, visible, countCap),
    open(unassigned()),
    open(sql`true`),
    ...teams.map((team) => open(data.assignedToTeam(team.id), 'open', viewer.teamIds.includes(team.id))),
    ...saved.map((row, index) => {
      const compiled = savedFilters[index] as CompiledViewFilters;
      return open(compiled.condition, (row.filters as ViewFilters).state, false, compiled.tagId);
    }),
  ]);
  return {
    views: [
      ...views.map((view, index) => ({ ...view, count: found[index] ?? 0 })),
      ...saved.map((row, index) => toInboxView(row, found[views.length + index] ?? 0)),
    ],
  };
}
