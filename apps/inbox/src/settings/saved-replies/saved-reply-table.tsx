import type { SavedReply } from '@frontdesk/api-types';
import { formatTime } from '../../ui/format.ts';
import { DeleteButton } from './delete-button.tsx';
import { excerpt } from './reply-text.ts';

interface SavedReplyTableProps {
  replies: SavedReply[];
  canWrite: boolean;
  onEdit: (reply: SavedReply) => void;
  onDeleted: (id: string) => void;
}

export function SavedReplyTable({ replies, canWrite, onEdit, onDeleted }: SavedReplyTableProps) {
  return (
    <div className="table-wrap reply-table-wrap">
      <table className="table reply-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Shortcut</th>
            <th scope="col">Reply</th>
            <th scope="col" className="cell-updated">Updated</th>
            {canWrite ? (
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {replies.map((reply) => (
            <tr key={reply.id}>
              <td className="cell-name">{reply.name}</td>
              <td>{reply.shortcut ? <code>/{reply.shortcut}</code> : <span className="muted">—</span>}</td>
              <td className="cell-excerpt">{excerpt(reply.body)}</td>
              <td className="nowrap cell-updated">{formatTime(reply.updated_at)}</td>
              {canWrite ? (
                <td className="cell-actions">
                  <span className="button-row">
                    <button type="button" className="button button-small button-secondary" aria-label={`Edit ${reply.name}`} onClick={() => onEdit(reply)}>
                      Edit
                    </button>
                    <DeleteButton path={`/saved-replies/${encodeURIComponent(reply.id)}`} name={reply.name} onDeleted={() => onDeleted(reply.id)} />
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
