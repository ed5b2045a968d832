import type { SavedReply, SavedReplyInput } from '@frontdesk/api-types';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { BodyField } from './body-field.tsx';
import { controlId, useSubmit } from './form-submit.ts';
import { InputField } from './form-fields.tsx';
import { editableText } from './reply-text.ts';

const form = 'saved-reply';
const fields = ['name', 'shortcut', 'body'];

/** Creates a saved reply, or edits `existing`. */
export function SavedReplyForm({ existing, onSaved, onCancel }: { existing?: SavedReply; onSaved: (reply: SavedReply) => void; onCancel: () => void }) {
  const [name, setName] = useState(existing?.name ?? '');
  const [shortcut, setShortcut] = useState(existing?.shortcut ?? '');
  const [body, setBody] = useState(existing ? editableText(existing.body) : '');
  const save = useSubmit((input: SavedReplyInput) =>
    existing ? api.put<SavedReply>(`/saved-replies/${encodeURIComponent(existing.id)}`, input) : api.post<SavedReply>('/saved-replies', input),
  );

  useEffect(() => {
    const first = document.getElementById(controlId(form, 'name'));
    first?.scrollIntoView({ block: 'center' });
    first?.focus();
  }, []);

  // Take the teammate to the control the server refused.
  useEffect(() => {
    if (save.error?.field && fields.includes(save.error.field)) document.getElementById(controlId(form, save.error.field))?.focus();
  }, [save.error]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await save.run({ name, shortcut: shortcut.trim() === '' ? null : shortcut.trim(), body });
    if (saved) onSaved(saved);
  }

  const title = existing ? `Edit “${existing.name}”` : 'New saved reply';
  return (
    <form className="stack reply-form" onSubmit={submit} aria-label={title} noValidate>
      <div className="field-row">
        <InputField
          id={controlId(form, 'name')}
          label="Name"
          value={name}
          onChange={setName}
          required
          maxLength={100}
          autoComplete="off"
          placeholder="e.g. Refund policy"
          error={save.errorFor('name')}
        />
        <InputField
          id={controlId(form, 'shortcut')}
          label="Shortcut (optional)"
          prefix="/"
          value={shortcut}
          onChange={(value) => setShortcut(value.toLowerCase())}
          maxLength={32}
          autoComplete="off"
          spellCheck={false}
          placeholder="refund"
          hint='Type "/" or "#" and the shortcut in the composer. Lowercase letters, digits, "-" and "_".'
          error={save.errorFor('shortcut')}
        />
      </div>
      <BodyField id={controlId(form, 'body')} label="Reply" value={body} onChange={setBody} required error={save.errorFor('body')} />
      <ErrorAlert message={save.generalError(fields)} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : existing ? 'Save changes' : 'Create saved reply'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={save.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
