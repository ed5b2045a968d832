import { type Permissions, permissionNames, type Role } from '@frontdesk/api-types';

const all = Object.fromEntries(permissionNames.map((name) => [name, true])) as Permissions;

/** What each role may do. Stored explicitly on the membership, so a seat can be adjusted flag by flag. */
export const rolePermissions: Record<Role, Permissions> = {
  owner: all,
  admin: { ...all, manage_billing: false },
  agent: {
    reply: true,
    manage_teammates: false,
    manage_settings: false,
    manage_api_tokens: false,
    export_data: false,
    manage_billing: false,
    access_all_conversations: true,
    view_audit_log: false,
  },
};

export const roles = Object.keys(rolePermissions) as Role[];

/** Stored flags win; a flag added after the membership was written falls back to the role's default. */
export function effectivePermissions(role: Role, stored: Partial<Permissions>): Permissions {
  return { ...rolePermissions[role], ...stored };
}
