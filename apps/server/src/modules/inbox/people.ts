import type { PersonSummary } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import { findContactsByIds } from '../contacts/service.ts';
import { findTeammates } from '../teammates/accounts.ts';
import { listTeams } from '../teams/service.ts';

/** Teammates, teams and contacts as the Inbox names them, loaded in one query per kind. */
export interface People {
  admin(id: number | string | null): PersonSummary | null;
  team(id: number | string | null): PersonSummary | null;
  contact(id: string | null): PersonSummary | null;
}

export async function loadPeople(
  db: Executor,
  workspaceId: number,
  refs: { adminIds: Iterable<number | string>; teamIds: Iterable<number | string>; contactIds: Iterable<string> },
): Promise<People> {
  const adminIds = [...new Set([...refs.adminIds].map(Number))].filter(Number.isSafeInteger);
  const contactIds = [...new Set(refs.contactIds)];
  const wantsTeams = [...refs.teamIds].length > 0;
  const [teammates, teams, contacts] = await Promise.all([
    findTeammates(db, adminIds),
    wantsTeams ? listTeams(db, workspaceId) : [],
    findContactsByIds(db, workspaceId, contactIds),
  ]);
  const admins = new Map(teammates.map((row) => [String(row.id), { id: String(row.id), type: 'admin' as const, name: row.name, email: row.email, avatar: null }]));
  const teamsById = new Map(teams.map((row) => [String(row.id), { id: String(row.id), type: 'team' as const, name: row.name, email: null, avatar: null }]));
  const contactsById = new Map(
    contacts.map((row) => [row.id, { id: row.id, type: row.role === 'lead' ? ('lead' as const) : ('user' as const), name: row.name, email: row.email, avatar: row.avatar }]),
  );
  return {
    admin: (id) => (id === null ? null : (admins.get(String(id)) ?? null)),
    team: (id) => (id === null ? null : (teamsById.get(String(id)) ?? null)),
    contact: (id) => (id === null ? null : (contactsById.get(id) ?? null)),
  };
}
