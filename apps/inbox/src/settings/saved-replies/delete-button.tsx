import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';

/** Delete with a confirmation step in place; the error, if any, shows beside the buttons. */
export function DeleteButton({ path, name, onDeleted }: { path: string; name: string; onDeleted: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(() => api.delete(path));

  async function confirm() {
    const outcome = await remove.run();
    if (outcome.ok) onDeleted();
  }

  if (!confirming) {
    return (
      <button type="button" className="button button-small button-danger-outline" aria-label={`Delete ${name}`} onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  return (
    <fieldset className="button-row confirm-delete">
      <legend className="small">Delete “{name}”?</legend>
      <button type="button" className="button button-small button-danger" disabled={remove.pending} onClick={confirm}>
        {remove.pending ? 'Deleting…' : 'Yes, delete'}
      </button>
      <button
        type="button"
        className="button button-small button-secondary"
        onClick={() => {
          remove.clearError();
          setConfirming(false);
        }}
      >
        Cancel
      </button>
      {remove.error ? (
        <span className="field-error" role="alert">
          {remove.error}
        </span>
      ) : null}
    </fieldset>
  );
}
