import { invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { type AdminAuthor, adminAuthor, requireTeam } from './authors.ts';
import { type ChangePlan, changeConversation, type Locked } from './change-conversation.ts';
import { messageBody } from './create-conversation.ts';
import * as data from './data.ts';
import { personKey } from './intercom-conversation.ts';
import { assigned, closed, opened, snoozed, withTeammate } from './part-effects.ts';
import { presentChange } from './service.ts';

export type ManageInput =
  | { message_type: 'close'; type?: 'admin'; admin_id: string | number; body?: string }
  | { message_type: 'open'; type?: 'admin'; admin_id: string | number }
  | { message_type: 'snoozed'; type?: 'admin'; admin_id: string | number; snoozed_until: number }
  | { message_type: 'assignment'; type: 'admin' | 'team'; admin_id: string | number; assignee_id: string | number; body?: string };

const optionalBody = (body: string | undefined) => (body === undefined || body.trim() === '' ? null : messageBody(body));
const isUnassign = (id: string | number) => String(id).trim() === '0';

async function planFor(platform: Platform, workspaceId: number, input: ManageInput, admin: AdminAuthor): Promise<(locked: Locked) => ChangePlan> {
  const author = { type: 'admin' as const, id: admin.id };
  switch (input.message_type) {
    case 'close': {
      const body = optionalBody(input.body);
      return ({ row, now }) => ({ patch: closed(row, now, admin.teammateId), parts: [{ partType: 'close', body, author }] });
    }
    case 'open':
      return ({ row }) => ({ patch: opened(row, admin.teammateId), parts: [{ partType: 'open', author }] });
    case 'snoozed': {
      if (!Number.isSafeInteger(input.snoozed_until) || input.snoozed_until * 1000 <= Date.now()) {
        throw invalid('snoozed_until must be a Unix timestamp (seconds) in the future', 'snoozed_until');
      }
      const until = new Date(input.snoozed_until * 1000);
      // The time is kept on the part, so the transcript can say until when it was snoozed.
      const eventDetails = { snoozed_until: input.snoozed_until };
      return ({ row }) => ({ patch: snoozed(row, admin.teammateId, until), parts: [{ partType: 'snoozed', author, eventDetails }] });
    }
    case 'assignment': {
      const body = optionalBody(input.body);
      const db = platform.database.orm;
      const assigneeId = isUnassign(input.assignee_id)
        ? null
        : input.type === 'team'
          ? await requireTeam(db, workspaceId, input.assignee_id)
          : (await adminAuthor(db, workspaceId, input.assignee_id)).teammateId;
      const assignedTo = assigneeId === null ? null : { type: input.type, id: String(assigneeId) };
      return ({ row, now }) => ({
        patch: assigned(row, now, admin.teammateId, { type: input.type, id: assigneeId }),
        parts: [{ partType: 'assignment', body, author, assignedTo }],
      });
    }
  }
}

/** `POST /conversations/{id}/parts`: close, open, snooze or assign, as an admin. */
export async function manageConversation(platform: Platform, workspaceId: number, conversationId: string, input: ManageInput) {
  const admin = await adminAuthor(platform.database.orm, workspaceId, input.admin_id);
  const plan = await planFor(platform, workspaceId, input, admin);
  const result = await changeConversation(platform, workspaceId, { id: conversationId }, admin.teammateId, plan);
  return presentChange(platform.database.orm, workspaceId, result, { known: new Map([[personKey('admin', admin.id), { name: admin.name, email: admin.email }]]) });
}

/**
 * Marks a conversation as priority or not (Intercom 2.14's REST API has no request for it; the Inbox
 * uses this). Appends a `priority_changed` part when the flag changes.
 */
export async function setPriority(platform: Platform, workspaceId: number, conversationId: string, input: { priority: boolean; adminId: number }) {
  const admin = await adminAuthor(platform.database.orm, workspaceId, input.adminId);
  const result = await changeConversation(platform, workspaceId, { id: conversationId }, admin.teammateId, ({ row }) => {
    if (row.priority === input.priority) return { patch: {}, parts: [] };
    return {
      patch: { ...withTeammate(row, admin.teammateId), priority: input.priority },
      parts: [
        {
          partType: 'priority_changed',
          author: { type: 'admin', id: admin.id },
          eventDetails: { priority: input.priority ? 'priority' : 'not_priority' },
        },
      ],
      events: [{ type: 'conversation.updated', payload: { changes: ['priority'] } }],
    };
  });
  return presentChange(platform.database.orm, workspaceId, result);
}

/**
 * Wakes conversations whose snooze has run out (an `unsnoozed` part by the system). Meant for a
 * recurring job; returns how many woke.
 */
export async function wakeSnoozedConversations(platform: Platform, batch = 100): Promise<number> {
  const due = await data.listExpiredSnoozes(platform.database.orm, batch);
  let woken = 0;
  for (const { workspaceId, id } of due) {
    await changeConversation(platform, workspaceId, { id }, null, ({ row }) => {
      if (row.state !== 'snoozed' || !row.snoozedUntil || row.snoozedUntil.getTime() > Date.now()) {
        return { patch: {}, parts: [] };
      }
      woken++;
      return { patch: { state: 'open', snoozedUntil: null }, parts: [{ partType: 'unsnoozed', author: { type: 'bot', id: null } }] };
    }).catch((error: unknown) => platform.log.warn({ err: error, conversationId: id }, 'waking a snoozed conversation failed'));
  }
  return woken;
}
