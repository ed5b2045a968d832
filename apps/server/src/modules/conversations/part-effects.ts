import type { PartDraft } from './change-conversation.ts';
import type { ConversationPatch, ConversationRow } from './data.ts';

/**
 * What each kind of part does to a conversation's state and statistics. Pure functions of the locked
 * row and the change's time, so one UPDATE writes the result and the response is built from it.
 */
export type State = 'open' | 'closed' | 'snoozed';

/** The row as it will be once the patch is written (what the response and the next effect see). */
export const patched = (row: ConversationRow, patch: ConversationPatch): ConversationRow => ({ ...row, ...patch }) as ConversationRow;

/** A teammate joins `teammates` by writing a part. */
export function withTeammate(row: ConversationRow, teammateId: number | null): ConversationPatch {
  if (teammateId === null || row.teammateIds.includes(teammateId)) return {};
  return { teammateIds: [...row.teammateIds, teammateId] };
}

/** Reopening a conversation that was closed counts as a reopen. */
function reopened(row: ConversationRow): ConversationPatch {
  if (row.state !== 'closed') return {};
  return { state: 'open', countReopens: row.firstCloseAt ? row.countReopens + 1 : row.countReopens };
}

/** A contact writes: the team now owes an answer. A snoozed conversation wakes, a closed one reopens. */
export function contactReplied(row: ConversationRow, at: Date): ConversationPatch {
  return {
    ...reopened(row),
    ...(row.state === 'snoozed' ? { state: 'open', snoozedUntil: null } : {}),
    firstContactReplyAt: row.firstContactReplyAt ?? at,
    lastContactReplyAt: at,
    waitingSince: row.waitingSince ?? at,
    read: false,
  };
}

/**
 * Away mode with "reassign replies": the contact's reply takes the conversation off the away
 * teammate (the team, if any, keeps it), recorded as any unassignment is, by the system.
 */
export function unassignedWhileAway(row: ConversationRow): { patch: ConversationPatch; part: PartDraft } {
  return {
    patch: { adminAssigneeId: null },
    part: { partType: 'assignment', author: { type: 'bot', id: null }, assignedTo: null, eventDetails: { reason: 'away_mode', teammate_id: String(row.adminAssigneeId) } },
  };
}

/** A teammate answers the customer (comment or quick reply; notes are internal and change nothing). */
export function adminReplied(row: ConversationRow, at: Date, teammateId: number): ConversationPatch {
  const firstSinceAssignment =
    row.lastAssignmentAt !== null && (row.lastAssignmentAdminReplyAt === null || row.lastAssignmentAdminReplyAt < row.lastAssignmentAt);
  return {
    ...withTeammate(row, teammateId),
    firstAdminReplyAt: row.firstAdminReplyAt ?? at,
    lastAdminReplyAt: at,
    ...(firstSinceAssignment ? { lastAssignmentAdminReplyAt: at } : {}),
    waitingSince: null,
    read: true,
  };
}

export function assigned(row: ConversationRow, at: Date, teammateId: number, assignee: { type: 'admin' | 'team'; id: number | null }): ConversationPatch {
  const target = assignee.type === 'admin' ? { adminAssigneeId: assignee.id } : { teamAssigneeId: assignee.id };
  if (assignee.id === null) return { ...withTeammate(row, teammateId), ...target };
  return {
    ...withTeammate(row, teammateId),
    ...target,
    countAssignments: row.countAssignments + 1,
    firstAssignmentAt: row.firstAssignmentAt ?? at,
    lastAssignmentAt: at,
  };
}

export function closed(row: ConversationRow, at: Date, teammateId: number): ConversationPatch {
  return {
    ...withTeammate(row, teammateId),
    state: 'closed',
    snoozedUntil: null,
    waitingSince: null,
    firstCloseAt: row.firstCloseAt ?? at,
    lastCloseAt: at,
    lastClosedById: teammateId,
  };
}

export function opened(row: ConversationRow, teammateId: number | null): ConversationPatch {
  return { ...withTeammate(row, teammateId), ...reopened(row), state: 'open', snoozedUntil: null };
}

export function snoozed(row: ConversationRow, teammateId: number, until: Date): ConversationPatch {
  return { ...withTeammate(row, teammateId), state: 'snoozed', snoozedUntil: until };
}
