import { describe, expect, test } from 'vitest';
import { belongsTo } from './view-rule.ts';

const me = '7';
const open = { id: 'x', state: 'open' as const, admin_assignee_id: null, team_assignee_id: null, priority: 'not_priority' as const };

describe('which view a live conversation belongs to', () => {
  test('built-in inboxes', () => {
    expect(belongsTo({ id: 'unassigned', kind: 'unassigned' }, 'open', open, me)).toBe(true);
    expect(belongsTo({ id: 'unassigned', kind: 'unassigned' }, 'open', { ...open, team_assignee_id: '2' }, me)).toBe(false);
    expect(belongsTo({ id: 'mine', kind: 'mine' }, 'open', { ...open, admin_assignee_id: me }, me)).toBe(true);
    expect(belongsTo({ id: 'mine', kind: 'mine' }, 'open', { ...open, admin_assignee_id: '8' }, me)).toBe(false);
    expect(belongsTo({ id: 'all', kind: 'all' }, 'snoozed', open, me)).toBe(false);
    expect(belongsTo({ id: 'team:2', kind: 'team' }, 'open', { ...open, team_assignee_id: '2' }, me)).toBe(true);
    expect(belongsTo({ id: 'mentions', kind: 'mentions' }, 'open', open, me)).toBe('unknown');
    expect(belongsTo({ id: 'mentions', kind: 'mentions' }, 'closed', open, me)).toBe(false);
  });

  test('saved views: the browser judges what it can and leaves the rest to the server', () => {
    const view = { id: 'view:1', kind: 'saved' as const, filters: { priority: true, tag_id: '4' } };
    expect(belongsTo(view, 'open', { ...open, priority: 'priority', tags: [{ id: '4', name: 'vip' }] }, me)).toBe(true);
    expect(belongsTo(view, 'open', { ...open, priority: 'priority' }, me)).toBe('unknown');
    expect(belongsTo(view, 'open', { ...open, tags: [{ id: '4', name: 'vip' }] }, me)).toBe(false);
    const byContact = { id: 'view:2', kind: 'saved' as const, filters: { admin_assignee_id: 'me', contact: [{ field: 'email', operator: '~' as const, value: 'acme' }] } };
    expect(belongsTo(byContact, 'open', { ...open, admin_assignee_id: me }, me)).toBe('unknown');
    expect(belongsTo(byContact, 'open', open, me)).toBe(false);
  });
});
