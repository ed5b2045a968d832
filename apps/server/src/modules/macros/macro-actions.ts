import type { MacroAction } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import { invalid } from '../../platform/http/errors.ts';
import { findTag } from '../tags/service.ts';
import { findTeammate } from '../teammates/accounts.ts';
import { findTeam } from '../teams/service.ts';
import { findSeat } from '../workspaces/service.ts';
import { describeTime, snoozeUntil } from './snooze-time.ts';

export const maxActions = 20;

interface Named {
  id: string;
  name: string;
}

/** An action with what it names looked up, ready to describe or apply. */
export type MacroStep =
  | { type: 'add_tag'; tag: Named }
  | { type: 'assign'; admin?: Named | null; team?: Named | null }
  | { type: 'set_priority'; priority: boolean }
  | { type: 'snooze'; until: Date; hours?: number }
  | { type: 'close' };

const numeric = (id: string) => (/^[0-9]{1,15}$/.test(id) ? Number(id) : undefined);

async function teammateNamed(db: Executor, workspaceId: number, id: string): Promise<Named | undefined> {
  const teammateId = numeric(id);
  if (teammateId === undefined) return undefined;
  const [teammate, seat] = await Promise.all([findTeammate(db, teammateId), findSeat(db, workspaceId, teammateId)]);
  return teammate && seat ? { id: String(teammate.id), name: teammate.name } : undefined;
}

async function teamNamed(db: Executor, workspaceId: number, id: string): Promise<Named | undefined> {
  const team = await findTeam(db, workspaceId, id);
  return team ? { id: String(team.id), name: team.name } : undefined;
}

/**
 * Looks up what each action names. Refuses, naming the field (`actions[2].tag_id`), a tag, team or
 * teammate that is not in the workspace: when saving, and again when running, since one may have
 * been deleted since the macro was saved.
 */
export async function resolveMacroActions(
  db: Executor,
  workspaceId: number,
  actions: MacroAction[],
  snooze: { timeZone: string; now: Date },
): Promise<MacroStep[]> {
  if (actions.length > maxActions) throw invalid(`A macro has at most ${maxActions} actions`, 'actions');
  const steps: MacroStep[] = [];
  for (const [index, action] of actions.entries()) {
    const field = (name: string) => `actions[${index}].${name}`;
    switch (action.type) {
      case 'add_tag': {
        const tag = await findTag(db, workspaceId, action.tag_id);
        if (!tag) throw invalid(`Tag ${action.tag_id} does not exist in this workspace`, field('tag_id'));
        steps.push({ type: 'add_tag', tag: { id: tag.id, name: tag.name } });
        break;
      }
      case 'assign': {
        if (action.admin_id === undefined && action.team_id === undefined) throw invalid('Choose a teammate or a team to assign to', field('admin_id'));
        const step: MacroStep & { type: 'assign' } = { type: 'assign' };
        if (action.admin_id !== undefined) {
          step.admin = action.admin_id === null ? null : await teammateNamed(db, workspaceId, action.admin_id);
          if (step.admin === undefined) throw invalid(`Teammate ${action.admin_id} is not in this workspace`, field('admin_id'));
        }
        if (action.team_id !== undefined) {
          step.team = action.team_id === null ? null : await teamNamed(db, workspaceId, action.team_id);
          if (step.team === undefined) throw invalid(`Team ${action.team_id} does not exist in this workspace`, field('team_id'));
        }
        steps.push(step);
        break;
      }
      case 'set_priority':
        steps.push({ type: 'set_priority', priority: action.priority });
        break;
      case 'snooze': {
        const hours = typeof action.duration === 'object' ? action.duration.hours : undefined;
        steps.push({ type: 'snooze', until: snoozeUntil(action.duration, snooze.timeZone, snooze.now), ...(hours === undefined ? {} : { hours }) });
        break;
      }
      case 'close':
        steps.push({ type: 'close' });
        break;
    }
  }
  return steps;
}

/** The action as stored: ids as strings, only the keys of its type. */
export function storedAction(action: MacroAction): MacroAction {
  switch (action.type) {
    case 'add_tag':
      return { type: 'add_tag', tag_id: String(action.tag_id) };
    case 'assign':
      return {
        type: 'assign',
        ...(action.admin_id === undefined ? {} : { admin_id: action.admin_id === null ? null : String(action.admin_id) }),
        ...(action.team_id === undefined ? {} : { team_id: action.team_id === null ? null : String(action.team_id) }),
      };
    case 'set_priority':
      return { type: 'set_priority', priority: action.priority };
    case 'snooze':
      return { type: 'snooze', duration: typeof action.duration === 'object' ? { hours: action.duration.hours } : action.duration };
    case 'close':
      return { type: 'close' };
  }
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function describeAssign(step: MacroStep & { type: 'assign' }): string {
  if (step.admin && step.team) return `Assign to ${step.admin.name} and ${step.team.name}`;
  const phrases: string[] = [];
  if (step.admin) phrases.push(`assign to ${step.admin.name}`);
  if (step.admin === null) phrases.push('unassign the teammate');
  if (step.team) phrases.push(`assign to ${step.team.name}`);
  if (step.team === null) phrases.push('remove the team');
  return capitalize(phrases.join(' and '));
}

/** One sentence per step, as the macro preview shows it ("Tag with Refund", "Snooze until tomorrow 09:00"). */
export function describeStep(step: MacroStep, timeZone: string, now: Date): string {
  switch (step.type) {
    case 'add_tag':
      return `Tag with ${step.tag.name}`;
    case 'assign':
      return describeAssign(step);
    case 'set_priority':
      return step.priority ? 'Mark as priority' : 'Remove priority';
    case 'snooze': {
      const until = describeTime(step.until, timeZone, now);
      return step.hours === undefined ? `Snooze until ${until}` : `Snooze for ${step.hours} hour${step.hours === 1 ? '' : 's'} (until ${until})`;
    }
    case 'close':
      return 'Close';
  }
}
