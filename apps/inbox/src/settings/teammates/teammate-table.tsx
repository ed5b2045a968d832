import type { Role, Teammate } from '@frontdesk/api-types';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useSession } from '../../session/session-context.tsx';
import { EmptyState, ErrorAlert } from '../../ui/alerts.tsx';
import { roleLabels } from '../../ui/format.ts';

export function TeammateTable({ teammates, onChanged }: { teammates: Teammate[]; onChanged: () => void }) {
  const session = useSession();
  const changeRole = useAction((id: string, role: Role) =>
    api.put<Teammate>(`/teammates/${encodeURIComponent(id)}/role`, { role }),
  );
  const myRole = session.workspace.role;
  const canChangeRoles = myRole === 'owner' || myRole === 'admin';
  // Only an owner hands out ownership; the server enforces the same rule.
  const assignable: Role[] = myRole === 'owner' ? ['agent', 'admin', 'owner'] : ['agent', 'admin'];

  async function change(id: string, role: Role) {
    const outcome = await changeRole.run(id, role);
    if (outcome.ok) onChanged();
  }

  if (teammates.length === 0) return <EmptyState title="No teammates yet" />;
  return (
    <>
      <ErrorAlert message={changeRole.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Two-factor</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {teammates.map((teammate) => {
              const isMe = teammate.id === session.teammate.id;
              const editable = canChangeRoles && !isMe && assignable.includes(teammate.role);
              return (
                <tr key={teammate.id}>
                  <td>
                    {teammate.name}
                    {isMe ? <span className="muted"> (you)</span> : null}
                  </td>
                  <td>{teammate.email}</td>
                  <td>
                    {editable ? (
                      <select
                        aria-label={`Role for ${teammate.name}`}
                        value={teammate.role}
                        disabled={changeRole.pending}
                        onChange={(event) => change(teammate.id, event.target.value as Role)}
                      >
                        {assignable.map((role) => (
                          <option key={role} value={role}>
                            {roleLabels[role]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      roleLabels[teammate.role]
                    )}
                  </td>
                  <td>
                    <span className={teammate.two_factor_enabled ? 'badge badge-success' : 'badge'}>
                      {teammate.two_factor_enabled ? 'On' : 'Off'}
                    </span>
                  </td>
                  <td>{teammate.away_mode_enabled ? <span className="badge">Away</span> : 'Active'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
