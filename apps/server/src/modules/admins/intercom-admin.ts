import type { AwayMode } from '@frontdesk/api-types';
import { Type } from 'typebox';
import type { WorkspaceRow } from '../workspaces/service.ts';
import type { TeammateRow } from '../teammates/accounts.ts';

const notAway: AwayMode = { away_mode_enabled: false, away_mode_reassign: false };

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const intercomAdmin = Type.Object({
  type: Type.Literal('admin'),
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  job_title: nullable(Type.String()),
  away_mode_enabled: Type.Boolean(),
  away_mode_reassign: Type.Boolean(),
  away_status_reason_id: nullable(Type.String()),
  has_inbox_seat: Type.Boolean(),
  team_ids: Type.Array(Type.Integer()),
  avatar: nullable(Type.Object({ type: Type.Literal('avatar'), image_url: nullable(Type.String()) })),
  team_priority_level: nullable(Type.Object({})),
});

export const intercomApp = Type.Object({
  type: Type.Literal('app'),
  id_code: Type.String(),
  name: Type.String(),
  created_at: Type.Integer(),
  secure: Type.Boolean(),
  identity_verification: Type.Boolean(),
  timezone: Type.String(),
  region: Type.String(),
});

export const intercomAdminWithApp = Type.Object({
  ...intercomAdmin.properties,
  email_verified: Type.Boolean(),
  app: intercomApp,
});

/** The Intercom `admin` shape of a teammate (away mode as set on their seat in the workspace). */
export function toIntercomAdmin(teammate: Pick<TeammateRow, 'id' | 'name' | 'email'> & { away?: AwayMode }, teamIds: number[] = []) {
  const away = teammate.away ?? notAway;
  return {
    type: 'admin' as const,
    id: String(teammate.id),
    name: teammate.name,
    email: teammate.email,
    job_title: null,
    away_mode_enabled: away.away_mode_enabled,
    away_mode_reassign: away.away_mode_reassign,
    away_status_reason_id: null,
    has_inbox_seat: true,
    team_ids: teamIds,
    avatar: null,
    team_priority_level: null,
  };
}

export function toIntercomApp(workspace: WorkspaceRow, publicUrl: string) {
  return {
    type: 'app' as const,
    id_code: workspace.idCode,
    name: workspace.name,
    created_at: Math.floor(workspace.createdAt.getTime() / 1000),
    secure: publicUrl.startsWith('https:'),
    identity_verification: workspace.identityVerification,
    timezone: workspace.timezone,
    region: workspace.region,
  };
}
