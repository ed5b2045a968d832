import { Type } from 'typebox';
import type { Team } from './service.ts';

export const intercomTeam = Type.Object({
  type: Type.Literal('team'),
  id: Type.String(),
  name: Type.String(),
  admin_ids: Type.Array(Type.Integer()),
});

export const intercomTeamList = Type.Object({ type: Type.Literal('team.list'), teams: Type.Array(intercomTeam) });

/** The Intercom `team` shape. */
export function toIntercomTeam(team: Team) {
  return { type: 'team' as const, id: String(team.id), name: team.name, admin_ids: team.adminIds };
}
