import type { ContactProfile, ContactUpdate } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../ui/alerts.tsx';
import { Field } from '../ui/field.tsx';
import { formatTime } from '../ui/format.ts';
import { Panel } from '../settings/settings-page.tsx';

type Save = (change: ContactUpdate) => Promise<string | undefined>;

/** Name, email and phone, with the identity fields the server keeps (read-only here). */
export function ContactDetails({ contact, canEdit, save }: { contact: ContactProfile; canEdit: boolean; save: Save }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ name: '', email: '', phone: '' });
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  function startEditing() {
    setDraft({ name: contact.name ?? '', email: contact.email ?? '', phone: contact.phone ?? '' });
    setError(undefined);
    setEditing(true);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const change: ContactUpdate = {};
    for (const key of ['name', 'email', 'phone'] as const) {
      const value = draft[key].trim() || null;
      if (value !== contact[key]) change[key] = value;
    }
    if (Object.keys(change).length === 0) return setEditing(false);
    setPending(true);
    const failure = await save(change);
    setPending(false);
    if (failure) setError(failure);
    else setEditing(false);
  }

  const action =
    canEdit && !editing ? (
      <button type="button" className="button button-small button-secondary" onClick={startEditing} aria-label="Edit contact details">
        Edit
      </button>
    ) : undefined;

  const facts: [string, string | null][] = [
    ['Name', contact.name],
    ['Email', contact.email],
    ['Phone', contact.phone],
    ['User ID', contact.external_id],
    ['Created', formatTime(contact.created_at)],
    ['Last seen', formatTime(contact.last_seen_at)],
  ];

  return (
    <Panel title="Details" id="contact-details-title" actions={action}>
      {editing ? (
        <form className="stack" onSubmit={submit}>
          <Field label="Name" autoComplete="off" value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
          <Field label="Email" type="email" autoComplete="off" value={draft.email} onChange={(event) => setDraft({ ...draft, email: event.target.value })} />
          <Field label="Phone" type="tel" autoComplete="off" value={draft.phone} onChange={(event) => setDraft({ ...draft, phone: event.target.value })} />
          <ErrorAlert message={error} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={pending}>
              {pending ? 'Saving…' : 'Save details'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <dl className="people-facts">
          {facts.map(([label, value]) => (
            <div className="people-fact" key={label}>
              <dt>{label}</dt>
              <dd className="break-all">{value ?? <span className="muted">Unknown</span>}</dd>
            </div>
          ))}
        </dl>
      )}
    </Panel>
  );
}
