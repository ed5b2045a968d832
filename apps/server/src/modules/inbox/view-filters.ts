import type { ViewFilters } from '@frontdesk/api-types';
import { and, type SQL, sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import { contactSearchCondition } from '../contacts/service.ts';
import { findTag } from '../tags/service.ts';
import { findTeam } from '../teams/service.ts';
import { findSeat } from '../workspaces/service.ts';
import * as data from './data.ts';
import type { Viewer } from './viewer.ts';

const numericId = '^[0-9]{1,15}$';

/** ViewFilters as a request body accepts them (strict: unknown fields are refused by name). */
export const viewFiltersSchema = Type.Object(
  {
    state: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('snoozed'), Type.Literal('closed')])),
    admin_assignee_id: Type.Optional(Type.String({ pattern: `^(me|none|[0-9]{1,15})$` })),
    team_assignee_id: Type.Optional(Type.String({ pattern: `^(none|[0-9]{1,15})$` })),
    tag_id: Type.Optional(Type.String({ pattern: numericId })),
    priority: Type.Optional(Type.Boolean()),
    contact: Type.Optional(
      Type.Array(
        Type.Object(
          {
            field: Type.String({ minLength: 1, maxLength: 200 }),
            operator: Type.Union([Type.Literal('='), Type.Literal('!='), Type.Literal('~'), Type.Literal('^')]),
            value: Type.String({ maxLength: 255 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10 },
      ),
    ),
  },
  { additionalProperties: false },
);

/** The contact conditions in the contacts module's search grammar (one AND group). */
const contactQuery = (conditions: NonNullable<ViewFilters['contact']>) => ({
  operator: 'AND',
  value: conditions.map((condition) => ({ field: condition.field, operator: condition.operator, value: condition.value })),
});

/** Checks that the filters name a teammate, team and tag of the workspace and contact fields that exist (400 otherwise). */
export async function checkViewFilters(db: Executor, workspaceId: number, filters: ViewFilters): Promise<ViewFilters> {
  const admin = filters.admin_assignee_id;
  if (admin !== undefined && admin !== 'me' && admin !== 'none' && !(await findSeat(db, workspaceId, Number(admin)))) {
    throw invalid(`Teammate ${admin} is not in this workspace`, 'filters.admin_assignee_id');
  }
  const team = filters.team_assignee_id;
  if (team !== undefined && team !== 'none' && !(await findTeam(db, workspaceId, team))) throw invalid(`Team ${team} not found`, 'filters.team_assignee_id');
  if (filters.tag_id !== undefined && !(await findTag(db, workspaceId, filters.tag_id))) throw invalid(`Tag ${filters.tag_id} not found`, 'filters.tag_id');
  if (filters.contact?.length) await contactSearchCondition(db, workspaceId, contactQuery(filters.contact));
  return filters;
}

/** Saved filters as the list and count statements apply them (see data.ts `listed` for the tag). */
export interface CompiledViewFilters {
  condition: SQL;
  tagId?: number;
}

/**
 * The filters (but `state`, which the list's tab decides) as a condition on conversations and the tag
 * they keep to. A filter that no longer compiles (its custom attribute was deleted since) matches
 * nothing rather than failing the whole list; so does a deleted tag, which no conversation carries.
 */
export async function compileViewFilters(db: Executor, viewer: Viewer, filters: ViewFilters): Promise<CompiledViewFilters> {
  const conditions: (SQL | undefined)[] = [];
  const admin = filters.admin_assignee_id;
  if (admin !== undefined) conditions.push(data.assignedToTeammate(admin === 'none' ? null : admin === 'me' ? viewer.teammateId : Number(admin)));
  const team = filters.team_assignee_id;
  if (team !== undefined) conditions.push(data.assignedToTeam(team === 'none' ? null : Number(team)));
  if (filters.priority !== undefined) conditions.push(data.withPriority(filters.priority));
  if (filters.contact?.length) {
    try {
      conditions.push(data.hasContactWhere(await contactSearchCondition(db, viewer.workspaceId, contactQuery(filters.contact))));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      conditions.push(sql`false`);
    }
  }
  // tag_id was checked as at most 15 digits when the view was saved.
  return { condition: and(...conditions) ?? sql`true`, tagId: filters.tag_id === undefined ? undefined : Number(filters.tag_id) };
}
