import type { Teammate, WorkspaceTeam } from '@frontdesk/api-types';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ConfirmButton } from '../../contacts/confirm-button.tsx';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { MemberPicker } from './member-picker.tsx';

interface Props {
  team: WorkspaceTeam;
  teammates: Teammate[];
  onUpdated: (team: WorkspaceTeam) => void;
  onDeleted: (id: string) => void;
}

/** One team: its members, renamed and re-staffed in place, or deleted after a confirmation. */
export function TeamRow({ team, teammates, onUpdated, onDeleted }: Props) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(team.name);
  const [members, setMembers] = useState(team.admin_ids);
  const path = `/teams/${encodeURIComponent(team.id)}`;
  const save = useAction(() => api.put<WorkspaceTeam>(path, { name, admin_ids: members }));
  const remove = useAction(() => api.delete(path));
  const names = team.admin_ids.map((memberId) => teammates.find((teammate) => teammate.id === memberId)?.name ?? 'A former teammate');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await save.run();
    if (!outcome.ok) return;
    setEditing(false);
    onUpdated(outcome.value);
  }

  if (editing) {
    return (
      <li className="people-settings-row">
        <form className="stack" onSubmit={submit}>
          <div className="field">
            <label htmlFor={`${id}-name`}>Team name</label>
            <input id={`${id}-name`} required value={name} onChange={(event) => setName(event.target.value)} />
          </div>
          <MemberPicker legend={`Members of ${team.name}`} teammates={teammates} selected={members} onChange={setMembers} />
          <ErrorAlert message={save.error} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={save.pending}>
              {save.pending ? 'Saving…' : 'Save team'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="people-settings-row">
      <div className="people-settings-row-main">
        <h3 className="people-settings-row-title">{team.name}</h3>
        <p className="muted small">{names.length ? names.join(', ') : 'No members yet'}</p>
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button-small button-secondary"
          aria-label={`Edit ${team.name}`}
          onClick={() => {
            setName(team.name);
            setMembers(team.admin_ids);
            setEditing(true);
          }}
        >
          Edit
        </button>
        <ConfirmButton
          label="Delete"
          confirmLabel={`Delete ${team.name}`}
          accessibleName={`Delete ${team.name}`}
          pending={remove.pending}
          onConfirm={async () => {
            const outcome = await remove.run();
            if (outcome.ok) onDeleted(team.id);
            return outcome.ok;
          }}
        />
      </div>
      <ErrorAlert message={remove.error} />
    </li>
  );
}
