import type { Tag } from '@frontdesk/api-types';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ConfirmButton } from '../../contacts/confirm-button.tsx';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { formatTime } from '../../ui/format.ts';

interface Props {
  tag: Tag;
  canManage: boolean;
  onRenamed: (tag: Tag) => void;
  onDeleted: (id: string) => void;
}

export function TagRow({ tag, canManage, onRenamed, onDeleted }: Props) {
  const id = useId();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(tag.name);
  const path = `/tags/${encodeURIComponent(tag.id)}`;
  const rename = useAction(() => api.put<Tag>(path, { name }));
  const remove = useAction(() => api.delete(path));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await rename.run();
    if (!outcome.ok) return;
    setRenaming(false);
    onRenamed(outcome.value);
  }

  return (
    <tr>
      <td>
        {renaming ? (
          <form className="inline-form people-inline-form-tight" onSubmit={submit}>
            <label className="visually-hidden" htmlFor={id}>
              New name for {tag.name}
            </label>
            <input id={id} required autoComplete="off" value={name} onChange={(event) => setName(event.target.value)} />
            <button type="submit" className="button button-small button-primary" disabled={rename.pending}>
              {rename.pending ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="button button-small button-secondary" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <span className="people-chip">{tag.name}</span>
        )}
        <ErrorAlert message={rename.error ?? remove.error} />
      </td>
      <td>{tag.usage.contacts}</td>
      <td>{tag.usage.companies}</td>
      <td>{tag.usage.conversations}</td>
      <td className="nowrap people-hide-narrow">{formatTime(tag.created_at)}</td>
      <td className="cell-actions">
        {canManage && !renaming ? (
          <span className="button-row people-button-row-end">
            <button
              type="button"
              className="button button-small button-secondary"
              aria-label={`Rename ${tag.name}`}
              onClick={() => {
                setName(tag.name);
                setRenaming(true);
              }}
            >
              Rename
            </button>
            <ConfirmButton
              label="Delete"
              confirmLabel="Delete everywhere"
              accessibleName={`Delete ${tag.name}`}
              pending={remove.pending}
              onConfirm={async () => {
                const outcome = await remove.run();
                if (outcome.ok) onDeleted(tag.id);
                return outcome.ok;
              }}
            />
          </span>
        ) : null}
      </td>
    </tr>
  );
}
