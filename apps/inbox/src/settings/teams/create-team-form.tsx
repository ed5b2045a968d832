import type { Teammate, WorkspaceTeam } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { Field } from '../../ui/field.tsx';
import { MemberPicker } from './member-picker.tsx';

export function CreateTeamForm({ teammates, onCreated }: { teammates: Teammate[]; onCreated: (team: WorkspaceTeam) => void }) {
  const [name, setName] = useState('');
  const [members, setMembers] = useState<string[]>([]);
  const create = useAction(() => api.post<WorkspaceTeam>('/teams', { name, admin_ids: members }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await create.run();
    if (!outcome.ok) return;
    setName('');
    setMembers([]);
    onCreated(outcome.value);
  }

  return (
    <form className="stack" onSubmit={submit}>
      <div className="inline-form">
        <Field label="Team name" required autoComplete="off" placeholder="e.g. Billing" value={name} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="button button-primary" disabled={create.pending}>
          {create.pending ? 'Creating…' : 'Create team'}
        </button>
      </div>
      <MemberPicker legend="Members of the new team" teammates={teammates} selected={members} onChange={setMembers} />
      <ErrorAlert message={create.error} />
    </form>
  );
}
