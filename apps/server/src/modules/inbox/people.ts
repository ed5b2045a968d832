import type { PersonSummary } from '@frontdesk/api-types';
import type { AdminJson, ContactJson, TeamJson } from './data.ts';

/** Teammates, teams and contacts as the Inbox names them. */
export interface People {
  admin(id: number | string | null): PersonSummary | null;
  team(id: number | string | null): PersonSummary | null;
  contact(id: string | null): PersonSummary | null;
}

/** People read with conversations (data.RowDetails), by id; a contact whose row is gone is nobody. */
export function peopleOf(found: { contacts: ContactJson[]; admins: AdminJson[]; teams: TeamJson[] }): People {
  const admins = new Map(found.admins.map((row) => [row.id, { id: row.id, type: 'admin' as const, name: row.name, email: row.email, avatar: null }]));
  const teams = new Map(found.teams.map((row) => [row.id, { id: row.id, type: 'team' as const, name: row.name, email: null, avatar: null }]));
  const contacts = new Map(
    found.contacts.filter((row) => row.role !== null).map((row) => [row.id, { id: row.id, type: row.role === 'lead' ? ('lead' as const) : ('user' as const), name: row.name, email: row.email, avatar: row.avatar }]),
  );
  return {
    admin: (id) => (id === null ? null : (admins.get(String(id)) ?? null)),
    team: (id) => (id === null ? null : (teams.get(String(id)) ?? null)),
    contact: (id) => (id === null ? null : (contacts.get(id) ?? null)),
  };
}
