import type { ContactNote } from '@frontdesk/api-types';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { textToHtml } from '../conversation/composer/markup.ts';
import { SafeHtml } from '../conversation/transcript/safe-html.tsx';
import { Panel } from '../settings/settings-page.tsx';
import { ErrorAlert } from '../ui/alerts.tsx';
import { formatTime } from '../ui/format.ts';

/** Notes teammates keep on the contact, newest first, and a form to add one. */
export function ContactNotes({ contactId, notes, canEdit, onAdded }: { contactId: string; notes: ContactNote[]; canEdit: boolean; onAdded: (note: ContactNote) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const add = useAction(() => api.post<ContactNote>(`/contacts/${encodeURIComponent(contactId)}/notes`, { body: textToHtml(text) }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    const outcome = await add.run();
    if (!outcome.ok) return;
    setText('');
    onAdded(outcome.value);
  }

  return (
    <Panel title="Notes" id="contact-notes-title">
      {canEdit ? (
        <form className="stack" onSubmit={submit}>
          <div className="field">
            <label htmlFor={id}>New note</label>
            <textarea id={id} className="people-textarea" rows={3} placeholder="Only your team sees notes" value={text} onChange={(event) => setText(event.target.value)} />
          </div>
          <ErrorAlert message={add.error} />
          <div>
            <button type="submit" className="button button-secondary" disabled={add.pending || !text.trim()}>
              {add.pending ? 'Adding…' : 'Add note'}
            </button>
          </div>
        </form>
      ) : null}
      {notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul className="people-note-list" aria-label="Notes on this contact">
          {notes.map((note) => (
            <li key={note.id} className="people-note">
              <SafeHtml html={note.body} className="people-note-body" />
              <p className="muted small">
                {note.author?.name ?? 'A former teammate'} · {formatTime(note.created_at)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
