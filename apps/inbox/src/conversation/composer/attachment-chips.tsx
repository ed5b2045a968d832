import { useCallback, useMemo, useState } from 'react';
import { messageOf } from '../../api/client.ts';
import { uploadAttachment } from './upload.ts';

export interface Upload {
  key: string;
  name: string;
  status: 'uploading' | 'done' | 'failed';
  id?: string;
  error?: string;
}

let counter = 0;

/** Files being attached to the next message: uploaded as soon as they are chosen. */
export function useUploads() {
  const [list, setList] = useState<Upload[]>([]);

  const add = useCallback((file: File) => {
    const key = `upload-${++counter}`;
    setList((current) => [...current, { key, name: file.name, status: 'uploading' }]);
    uploadAttachment(file).then(
      (stored) => setList((current) => current.map((u) => (u.key === key ? { ...u, status: 'done', id: stored.id } : u))),
      (failure: unknown) => setList((current) => current.map((u) => (u.key === key ? { ...u, status: 'failed', error: messageOf(failure) } : u))),
    );
  }, []);

  const remove = useCallback((key: string) => setList((current) => current.filter((u) => u.key !== key)), []);
  const clear = useCallback(() => setList([]), []);

  return useMemo(
    () => ({
      list,
      add,
      remove,
      clear,
      busy: list.some((u) => u.status === 'uploading'),
      done: () => list.flatMap((u) => (u.status === 'done' && u.id ? [{ id: u.id, name: u.name }] : [])),
    }),
    [list, add, remove, clear],
  );
}

export function AttachmentChips({ uploads, onRemove }: { uploads: Upload[]; onRemove: (key: string) => void }) {
  if (uploads.length === 0) return null;
  return (
    <ul className="attachment-chips" aria-label="Files to send">
      {uploads.map((upload) => (
        <li key={upload.key} className={`attachment-chip attachment-chip-${upload.status}`}>
          <span>{upload.name}</span>
          {upload.status === 'uploading' ? <span className="muted small"> uploading…</span> : null}
          {upload.status === 'failed' ? <span className="small attachment-error"> {upload.error ?? 'upload failed'}</span> : null}
          <button type="button" className="chip-remove" aria-label={`Remove ${upload.name}`} onClick={() => onRemove(upload.key)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
