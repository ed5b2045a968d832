import type { ConversationSummary } from '@frontdesk/api-types';
import { useState } from 'react';
import { ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { teamsLookup, teammatesLookup, useLookup } from '../lookups.ts';
import { Popover } from '../popover.tsx';

export type AssignRequest = { admin_id: string | null } | { team_id: string | null };

interface AssignMenuProps {
  conversation: ConversationSummary;
  myId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onAssign: (request: AssignRequest) => void;
  disabled?: boolean;
}

export function assigneeText(conversation: ConversationSummary): string {
  const admin = conversation.admin_assignee?.name;
  const team = conversation.team_assignee?.name;
  if (admin && team) return `${team} · ${admin}`;
  return admin ?? team ?? 'Unassigned';
}

/** Assign to a teammate, a team or oneself; unassign either. */
export function AssignMenu({ conversation, myId, open, onOpenChange, onAssign, disabled }: AssignMenuProps) {
  const teammates = useLookup(teammatesLookup, open);
  const teams = useLookup(teamsLookup, open);
  const [query, setQuery] = useState('');
  const needle = query.trim().toLowerCase();
  const matches = (name: string) => name.toLowerCase().includes(needle);
  const current = assigneeText(conversation);

  function choose(request: AssignRequest) {
    onAssign(request);
    onOpenChange(false);
    setQuery('');
  }

  return (
    <Popover
      label={`Assign (now ${current})`}
      trigger={
        <>
          <span className="muted small assignee-prefix">Assignee </span>
          <span className="assignee-name">{current}</span>
        </>
      }
      triggerClassName="button button-secondary button-small header-assignee"
      title="Assign"
      open={open}
      onOpenChange={onOpenChange}
      disabled={disabled}
    >
      <div className="stack-tight">
        <label className="visually-hidden" htmlFor={`assign-search-${conversation.id}`}>
          Find a teammate or team
        </label>
        <input
          id={`assign-search-${conversation.id}`}
          type="search"
          className="popover-search"
          placeholder="Find a teammate or team"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <ul className="popover-list">
          {conversation.admin_assignee_id !== myId ? (
            <li>
              <button type="button" className="popover-item" onClick={() => choose({ admin_id: myId })}>
                Assign to me
              </button>
            </li>
          ) : null}
          {conversation.admin_assignee_id ? (
            <li>
              <button type="button" className="popover-item" onClick={() => choose({ admin_id: null })}>
                Unassign teammate
              </button>
            </li>
          ) : null}
          {conversation.team_assignee_id ? (
            <li>
              <button type="button" className="popover-item" onClick={() => choose({ team_id: null })}>
                Remove team
              </button>
            </li>
          ) : null}
        </ul>
        <p className="popover-heading">Teammates</p>
        {teammates.error ? <ErrorAlert message={teammates.error} /> : null}
        {!teammates.items && !teammates.error ? <Loading label="Loading teammates…" /> : null}
        <ul className="popover-list" aria-label="Teammates">
          {(teammates.items ?? [])
            .filter((t) => matches(t.name) || matches(t.email))
            .map((teammate) => (
              <li key={teammate.id}>
                <button
                  type="button"
                  className="popover-item"
                  aria-current={teammate.id === conversation.admin_assignee_id ? 'true' : undefined}
                  onClick={() => choose({ admin_id: teammate.id })}
                >
                  {teammate.name}
                  {teammate.id === myId ? <span className="muted small"> (you)</span> : null}
                  {teammate.away_mode_enabled ? <span className="badge away-marker">Away</span> : null}
                </button>
              </li>
            ))}
        </ul>
        <p className="popover-heading">Teams</p>
        {teams.error ? <ErrorAlert message={teams.error} /> : null}
        {!teams.items && !teams.error ? <Loading label="Loading teams…" /> : null}
        {teams.items && teams.items.length === 0 ? <p className="muted small popover-empty">No teams yet.</p> : null}
        <ul className="popover-list" aria-label="Teams">
          {(teams.items ?? [])
            .filter((team) => matches(team.name))
            .map((team) => (
              <li key={team.id}>
                <button
                  type="button"
                  className="popover-item"
                  aria-current={team.id === conversation.team_assignee_id ? 'true' : undefined}
                  onClick={() => choose({ team_id: team.id })}
                >
                  {team.name}
                </button>
              </li>
            ))}
        </ul>
      </div>
    </Popover>
  );
}
