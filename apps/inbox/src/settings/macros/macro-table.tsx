import type { Macro } from '@frontdesk/api-types';
import { formatTime } from '../../ui/format.ts';
import { DeleteButton } from '../saved-replies/delete-button.tsx';
import { excerpt } from '../saved-replies/reply-text.ts';
import { describeAction, type MacroOptions } from './macro-drafts.ts';

interface MacroTableProps {
  macros: Macro[];
  options: MacroOptions | undefined;
  canWrite: boolean;
  onEdit: (macro: Macro) => void;
  onDeleted: (id: string) => void;
}

export function MacroTable({ macros, options, canWrite, onEdit, onDeleted }: MacroTableProps) {
  return (
    <div className="table-wrap reply-table-wrap">
      <table className="table reply-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Reply</th>
            <th scope="col">Actions</th>
            <th scope="col" className="cell-updated">Updated</th>
            {canWrite ? (
              <th scope="col">
                <span className="visually-hidden">Edit or delete</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {macros.map((macro) => (
            <tr key={macro.id}>
              <td className="cell-name">{macro.name}</td>
              <td className="cell-excerpt">
                {macro.body ? (
                  <>
                    {macro.note ? <span className="badge">Note</span> : null} {excerpt(macro.body, 80)}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {macro.actions.length === 0 ? (
                  <span className="muted">—</span>
                ) : (
                  <ul className="macro-action-summary">
                    {macro.actions.map((action, index) => (
                      // Actions have no ids; their order is their identity.
                      // biome-ignore lint/suspicious/noArrayIndexKey: see above
                      <li key={index}>{options ? describeAction(action, options) : action.type.replace('_', ' ')}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="nowrap cell-updated">{formatTime(macro.updated_at)}</td>
              {canWrite ? (
                <td className="cell-actions">
                  <span className="button-row">
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      aria-label={`Edit ${macro.name}`}
                      disabled={!options}
                      onClick={() => onEdit(macro)}
                    >
                      Edit
                    </button>
                    <DeleteButton path={`/macros/${encodeURIComponent(macro.id)}`} name={macro.name} onDeleted={() => onDeleted(macro.id)} />
                  </span>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
