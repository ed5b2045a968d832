import type { ApiToken } from '@frontdesk/api-types';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { EmptyState, ErrorAlert } from '../../ui/alerts.tsx';
import { formatTime } from '../../ui/format.ts';

export function TokenTable({ tokens, onRevoked }: { tokens: ApiToken[]; onRevoked: (id: string) => void }) {
  const [confirming, setConfirming] = useState<string>();
  const revoke = useAction((id: string) => api.delete(`/api-tokens/${encodeURIComponent(id)}`));

  async function revokeToken(id: string) {
    const outcome = await revoke.run(id);
    if (!outcome.ok) return;
    setConfirming(undefined);
    onRevoked(id);
  }

  if (tokens.length === 0) {
    return <EmptyState title="No API tokens">Create one above to call the REST API.</EmptyState>;
  }
  return (
    <>
      <ErrorAlert message={revoke.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>
                  <code>{token.prefix}…</code>
                </td>
                <td>
                  {formatTime(token.created_at)}
                  {token.created_by ? <span className="muted"> by {token.created_by.name}</span> : null}
                </td>
                <td>{formatTime(token.last_used_at)}</td>
                <td className="cell-actions">
                  {confirming === token.id ? (
                    <span className="button-row">
                      <button
                        type="button"
                        className="button button-small button-danger"
                        disabled={revoke.pending}
                        onClick={() => revokeToken(token.id)}
                      >
                        {revoke.pending ? 'Revoking…' : `Confirm revoke`}
                      </button>
                      <button type="button" className="button button-small button-secondary" onClick={() => setConfirming(undefined)}>
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button
                      type="button"
                      className="button button-small button-danger-outline"
                      aria-label={`Revoke ${token.name}`}
                      onClick={() => setConfirming(token.id)}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
