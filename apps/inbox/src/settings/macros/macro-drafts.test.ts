import type { MacroAction } from '@frontdesk/api-types';
import { describe, expect, it } from 'vitest';
import { actionOf, describeAction, draftOf, newDraft } from './macro-drafts.ts';

const options = {
  tags: [{ id: '1', name: 'Refund' }],
  teams: [{ id: '7', name: 'Billing' }],
  teammates: [{ id: '3', name: 'Olivia Owner' }],
};

describe('macro action drafts', () => {
  it('round-trips every action through the builder', () => {
    const actions: MacroAction[] = [
      { type: 'add_tag', tag_id: '1' },
      { type: 'assign', team_id: '7' },
      { type: 'assign', admin_id: '3', team_id: null },
      { type: 'set_priority', priority: false },
      { type: 'snooze', duration: 'next_week' },
      { type: 'snooze', duration: { hours: 6 } },
      { type: 'close' },
    ];
    expect(actions.map((action) => actionOf(draftOf(action)))).toEqual(actions.map((action) => ({ action })));
  });

  it('says what an incomplete row is missing', () => {
    expect(actionOf(newDraft('add_tag'))).toEqual({ problem: 'Choose a tag', field: 'tag_id' });
    expect(actionOf(newDraft('assign'))).toEqual({ problem: 'Choose a teammate or a team', field: 'admin_id' });
    expect(actionOf({ ...newDraft('snooze'), snooze: 'hours', hours: 0 } as never)).toMatchObject({ field: 'duration' });
  });

  it('describes actions by name', () => {
    expect(describeAction({ type: 'add_tag', tag_id: '1' }, options)).toBe('Tag with Refund');
    expect(describeAction({ type: 'assign', team_id: '7' }, options)).toBe('Assign to Billing');
    expect(describeAction({ type: 'assign', admin_id: '3', team_id: null }, options)).toBe('Assign to Olivia Owner and remove the team');
    expect(describeAction({ type: 'assign', admin_id: null }, options)).toBe('Unassign the teammate');
    expect(describeAction({ type: 'add_tag', tag_id: '99' }, options)).toBe('Tag with a deleted tag');
    expect(describeAction({ type: 'snooze', duration: 'tomorrow' }, options)).toBe('Snooze until tomorrow 09:00');
  });
});
