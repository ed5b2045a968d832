import type { DataAttribute } from '@frontdesk/api-types';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { typeLabel } from './type-labels.ts';

/** A custom attribute: describe it, archive it (values stay, it leaves forms and filters) or restore it. */
export function AttributeRow({ attribute, canManage, onChanged }: { attribute: DataAttribute; canManage: boolean; onChanged: (attribute: DataAttribute) => void }) {
  const id = useId();
  const [describing, setDescribing] = useState(false);
  const [description, setDescription] = useState(attribute.description ?? '');
  const update = useAction((change: { description?: string; archived?: boolean }) => api.put<DataAttribute>(`/data-attributes/${attribute.id}`, change));

  async function apply(change: { description?: string; archived?: boolean }) {
    const outcome = await update.run(change);
    if (outcome.ok) onChanged(outcome.value);
    return outcome.ok;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await apply({ description })) setDescribing(false);
  }

  return (
    <tr className={attribute.archived ? 'people-row-archived' : undefined}>
      <td>
        <strong>{attribute.label}</strong>
        <div>
          <code className="small">{attribute.full_name}</code>
        </div>
      </td>
      <td>
        {typeLabel(attribute)}
        {attribute.options ? <div className="muted small">{attribute.options.join(', ')}</div> : null}
      </td>
      <td>
        {describing ? (
          <form className="inline-form people-inline-form-tight" onSubmit={submit}>
            <label className="visually-hidden" htmlFor={id}>
              Description of {attribute.name}
            </label>
            <input id={id} autoComplete="off" maxLength={1000} value={description} onChange={(event) => setDescription(event.target.value)} />
            <button type="submit" className="button button-small button-primary" disabled={update.pending}>
              Save
            </button>
            <button type="button" className="button button-small button-secondary" onClick={() => setDescribing(false)}>
              Cancel
            </button>
          </form>
        ) : (
          (attribute.description ?? <span className="muted">—</span>)
        )}
        <ErrorAlert message={update.error} />
      </td>
      <td>{attribute.archived ? <span className="badge">Archived</span> : <span className="badge badge-success">Active</span>}</td>
      <td className="cell-actions">
        {canManage && !describing ? (
          <span className="button-row people-button-row-end">
            <button
              type="button"
              className="button button-small button-secondary"
              aria-label={`Edit the description of ${attribute.name}`}
              onClick={() => {
                setDescription(attribute.description ?? '');
                setDescribing(true);
              }}
            >
              Describe
            </button>
            <button
              type="button"
              className="button button-small button-secondary"
              aria-label={`${attribute.archived ? 'Unarchive' : 'Archive'} ${attribute.name}`}
              disabled={update.pending}
              onClick={() => apply({ archived: !attribute.archived })}
            >
              {attribute.archived ? 'Unarchive' : 'Archive'}
            </button>
          </span>
        ) : null}
      </td>
    </tr>
  );
}
