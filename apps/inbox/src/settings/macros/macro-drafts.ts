import type { MacroAction } from '@frontdesk/api-types';

/** What the builder can show by name: the workspace's tags, teams and teammates. */
export interface MacroOptions {
  tags: { id: string; name: string }[];
  teams: { id: string; name: string }[];
  teammates: { id: string; name: string }[];
}

export type SnoozeChoice = 'later_today' | 'tomorrow' | 'next_week' | 'hours';
/** "keep" leaves the assignee as it is; "none" unassigns. */
export type AssigneeChoice = 'keep' | 'none' | string;

/** An action being edited: every control's value, even before it is complete. */
export type ActionDraft = { key: string } & (
  | { type: 'add_tag'; tagId: string }
  | { type: 'assign'; admin: AssigneeChoice; team: AssigneeChoice }
  | { type: 'set_priority'; priority: boolean }
  | { type: 'snooze'; snooze: SnoozeChoice; hours: number }
  | { type: 'close' }
);

export type ActionType = ActionDraft['type'];

export const actionLabels: Record<ActionType, string> = {
  add_tag: 'Tag',
  assign: 'Assign',
  set_priority: 'Priority',
  snooze: 'Snooze',
  close: 'Close',
};

let counter = 0;
const nextKey = () => `action-${++counter}`;

export function newDraft(type: ActionType): ActionDraft {
  const key = nextKey();
  switch (type) {
    case 'add_tag':
      return { key, type, tagId: '' };
    case 'assign':
      return { key, type, admin: 'keep', team: 'keep' };
    case 'set_priority':
      return { key, type, priority: true };
    case 'snooze':
      return { key, type, snooze: 'tomorrow', hours: 4 };
    case 'close':
      return { key, type };
  }
}

export function draftOf(action: MacroAction): ActionDraft {
  const key = nextKey();
  switch (action.type) {
    case 'add_tag':
      return { key, type: 'add_tag', tagId: action.tag_id };
    case 'assign':
      return {
        key,
        type: 'assign',
        admin: action.admin_id === undefined ? 'keep' : (action.admin_id ?? 'none'),
        team: action.team_id === undefined ? 'keep' : (action.team_id ?? 'none'),
      };
    case 'set_priority':
      return { key, type: 'set_priority', priority: action.priority };
    case 'snooze':
      return typeof action.duration === 'object'
        ? { key, type: 'snooze', snooze: 'hours', hours: action.duration.hours }
        : { key, type: 'snooze', snooze: action.duration, hours: 4 };
    case 'close':
      return { key, type: 'close' };
  }
}

const assignee = (choice: AssigneeChoice) => (choice === 'keep' ? undefined : choice === 'none' ? null : choice);

/** The action to send, or why the row is not complete yet. */
export function actionOf(draft: ActionDraft): { action: MacroAction } | { problem: string; field: string } {
  switch (draft.type) {
    case 'add_tag':
      return draft.tagId ? { action: { type: 'add_tag', tag_id: draft.tagId } } : { problem: 'Choose a tag', field: 'tag_id' };
    case 'assign': {
      if (draft.admin === 'keep' && draft.team === 'keep') return { problem: 'Choose a teammate or a team', field: 'admin_id' };
      const admin = assignee(draft.admin);
      const team = assignee(draft.team);
      return { action: { type: 'assign', ...(admin === undefined ? {} : { admin_id: admin }), ...(team === undefined ? {} : { team_id: team }) } };
    }
    case 'set_priority':
      return { action: { type: 'set_priority', priority: draft.priority } };
    case 'snooze':
      if (draft.snooze !== 'hours') return { action: { type: 'snooze', duration: draft.snooze } };
      return Number.isInteger(draft.hours) && draft.hours >= 1 && draft.hours <= 720
        ? { action: { type: 'snooze', duration: { hours: draft.hours } } }
        : { problem: 'Snooze for 1 to 720 whole hours', field: 'duration' };
    case 'close':
      return { action: { type: 'close' } };
  }
}

const nameIn = (list: { id: string; name: string }[], id: string, kind: string) => list.find((item) => item.id === id)?.name ?? `a deleted ${kind}`;

/** A short sentence for lists ("Tag with Refund"); the server's preview says the exact times. */
export function describeAction(action: MacroAction, options: MacroOptions): string {
  switch (action.type) {
    case 'add_tag':
      return `Tag with ${nameIn(options.tags, action.tag_id, 'tag')}`;
    case 'assign': {
      const phrases: string[] = [];
      if (action.admin_id) phrases.push(nameIn(options.teammates, action.admin_id, 'teammate'));
      if (action.team_id) phrases.push(nameIn(options.teams, action.team_id, 'team'));
      const removals = [action.admin_id === null ? 'unassign the teammate' : null, action.team_id === null ? 'remove the team' : null].filter(Boolean);
      const text = [phrases.length ? `assign to ${phrases.join(' and ')}` : null, ...removals].filter(Boolean).join(' and ');
      return text.charAt(0).toUpperCase() + text.slice(1);
    }
    case 'set_priority':
      return action.priority ? 'Mark as priority' : 'Remove priority';
    case 'snooze':
      if (typeof action.duration === 'object') return `Snooze for ${action.duration.hours} hour${action.duration.hours === 1 ? '' : 's'}`;
      return { later_today: 'Snooze until later today', tomorrow: 'Snooze until tomorrow 09:00', next_week: 'Snooze until next Monday 09:00' }[action.duration];
    case 'close':
      return 'Close';
  }
}
