import type { MessengerPublicConfig, OfficeHours, Permissions } from '@frontdesk/api-types';
import type { Platform } from '../../platform/platform.ts';
import { findTeammates } from '../teammates/accounts.ts';
import { listTeammates } from '../workspaces/members.ts';
import type { WorkspaceMessenger } from './workspace-messenger.ts';

/** How many teammates the Home space shows when the workspace chose none. */
const defaultAvatarCount = 3;
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Whether `now` falls in one of the opening intervals, in the office hours' time zone. */
export function isOfficeOpen(hours: OfficeHours, now = new Date()): boolean {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  const day = weekdays.indexOf(part('weekday'));
  const time = `${part('hour')}:${part('minute')}`;
  return hours.intervals.some((interval) => interval.day === day && interval.start <= time && time < interval.end);
}

/** A reader with no permissions: the team list the Messenger shows is what any teammate may see. */
const publicReader = (workspaceId: number) => ({
  workspaceId,
  teammateId: 0,
  role: 'agent' as const,
  permissions: {} as Permissions,
  via: 'session' as const,
});

async function teamAvatars(platform: Platform, messenger: WorkspaceMessenger): Promise<{ name: string; avatar: string | null }[]> {
  const chosen = messenger.customization.team_avatar_teammate_ids;
  if (chosen.length === 0) {
    const { teammates } = await listTeammates(platform, publicReader(messenger.workspaceId));
    return teammates.slice(0, defaultAvatarCount).map((teammate) => ({ name: teammate.name, avatar: null }));
  }
  const found = new Map((await findTeammates(platform.database.orm, chosen.map(Number))).map((teammate) => [String(teammate.id), teammate]));
  return chosen.flatMap((id) => {
    const teammate = found.get(id);
    return teammate ? [{ name: teammate.name, avatar: null }] : [];
  });
}

/** The team part is cached with the resolved settings (which live a few seconds); office hours are computed each time. */
const teams = new WeakMap<WorkspaceMessenger, Promise<{ name: string; avatar: string | null }[]>>();

/** What the Messenger shows of the workspace: its customization, team, office hours and limits. */
export async function publicConfig(platform: Platform, messenger: WorkspaceMessenger): Promise<MessengerPublicConfig> {
  let avatars = teams.get(messenger);
  if (!avatars) {
    avatars = teamAvatars(platform, messenger);
    teams.set(messenger, avatars);
    avatars.catch(() => teams.delete(messenger));
  }
  const { customization, contentSafety } = messenger;
  const teamName = customization.team_name || messenger.workspaceName;
  return {
    ...customization,
    team_name: teamName,
    app_id: messenger.appId,
    team: { name: teamName, intro: customization.team_intro, avatars: await avatars },
    office_open: customization.office_hours ? isOfficeOpen(customization.office_hours) : null,
    attachments: {
      enabled: contentSafety.attachments_enabled,
      allowed_types: contentSafety.allowed_attachment_types,
      max_bytes: contentSafety.max_attachment_bytes,
    },
    identity_verification: messenger.enforced,
  };
}
