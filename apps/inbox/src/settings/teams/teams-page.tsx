import type { TeammateList, WorkspaceTeamList } from '@frontdesk/api-types';
import { useApiGet } from '../../api/use-api-get.ts';
import { EmptyState, ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { Panel, SettingsPage } from '../settings-page.tsx';
import { CreateTeamForm } from './create-team-form.tsx';
import { TeamRow } from './team-row.tsx';
import '../../contacts/people.css';

/** Settings → Teams: each team gets an inbox of its own; conversations are assigned to it. */
export function TeamsPage() {
  const teams = useApiGet<WorkspaceTeamList>('/teams');
  const people = useApiGet<TeammateList>('/teammates');
  const teammates = people.data?.teammates ?? [];

  return (
    <SettingsPage title="Teams" description="Group teammates into teams: each team has its own inbox, and conversations can be assigned to a team.">
      <Panel title="Create a team" id="create-team-title">
        <ErrorAlert message={people.error} />
        <CreateTeamForm teammates={teammates} onCreated={(team) => teams.setData((current) => ({ teams: [...current.teams, team] }))} />
      </Panel>
      <Panel title="Teams" id="teams-title">
        {teams.error ? (
          <div className="stack">
            <ErrorAlert message={teams.error} />
            <div>
              <button type="button" className="button button-secondary" onClick={teams.reload}>
                Try again
              </button>
            </div>
          </div>
        ) : !teams.data ? (
          <Loading label="Loading teams…" />
        ) : teams.data.teams.length === 0 ? (
          <EmptyState title="No teams yet">Create one above, for example “Billing” or “Technical support”.</EmptyState>
        ) : (
          <ul className="people-settings-list" aria-label="Teams">
            {teams.data.teams.map((team) => (
              <TeamRow
                key={team.id}
                team={team}
                teammates={teammates}
                onUpdated={(updated) => teams.setData((current) => ({ teams: current.teams.map((item) => (item.id === updated.id ? updated : item)) }))}
                onDeleted={(id) => teams.setData((current) => ({ teams: current.teams.filter((item) => item.id !== id) }))}
              />
            ))}
          </ul>
        )}
      </Panel>
    </SettingsPage>
  );
}
