import type { Invite, Role } from '@frontdesk/api-types';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';
import { Field } from '../../ui/field.tsx';

export function InviteForm({ onInvited }: { onInvited: (invite: Invite) => void }) {
  const roleId = useId();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const [sent, setSent] = useState<Invite>();
  const invite = useAction(() => api.post<Invite>('/invites', { email, role }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await invite.run();
    if (!outcome.ok) return;
    setSent(outcome.value);
    setEmail('');
    onInvited(outcome.value);
  }

  return (
    <div className="stack">
      <form className="inline-form" onSubmit={submit}>
        <Field
          label="Email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <div className="field">
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            <option value="agent">Agent</option>
            <option value="admin">Admin</option>
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={invite.pending}>
          {invite.pending ? 'Sending…' : 'Send invite'}
        </button>
      </form>
      <ErrorAlert message={invite.error} />
      {sent?.invite_url ? (
        <div className="callout" role="status">
          <p>
            Invite created for <strong>{sent.email}</strong>. Email delivery isn't set up yet, so send them this link
            yourself:
          </p>
          <div className="secret-row">
            <code className="secret break-all" data-testid="invite-url">
              {sent.invite_url}
            </code>
            <CopyButton value={sent.invite_url} label="Copy link" />
          </div>
        </div>
      ) : null}
    </div>
  );
}
