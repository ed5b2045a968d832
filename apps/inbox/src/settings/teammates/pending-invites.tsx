import type { Invite } from '@frontdesk/api-types';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { EmptyState, ErrorAlert } from '../../ui/alerts.tsx';
import { formatTime, roleLabels } from '../../ui/format.ts';

export function PendingInvites({ invites, onRevoked }: { invites: Invite[]; onRevoked: (id: string) => void }) {
  const revoke = useAction((id: string) => api.delete(`/invites/${encodeURIComponent(id)}`));

  async function revokeInvite(id: string) {
    const outcome = await revoke.run(id);
    if (outcome.ok) onRevoked(id);
  }

  if (invites.length === 0) {
    return <EmptyState title="No pending invites">Invites you send appear here until they are accepted.</EmptyState>;
  }
  return (
    <>
      <ErrorAlert message={revoke.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invites.map((invite) => (
              <tr key={invite.id}>
                <td>{invite.email}</td>
                <td>{roleLabels[invite.role]}</td>
                <td>{formatTime(invite.expires_at)}</td>
                <td className="cell-actions">
                  <button
                    type="button"
                    className="button button-small button-danger-outline"
                    aria-label={`Revoke invite for ${invite.email}`}
                    disabled={revoke.pending}
                    onClick={() => revokeInvite(invite.id)}
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
