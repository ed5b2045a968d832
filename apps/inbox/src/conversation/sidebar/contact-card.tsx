import type { ContactProfile } from '@frontdesk/api-types';
import { type FormEvent, useId, useState } from 'react';
import { api, messageOf } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { Link, matchPath, usePath } from '../../router/router.tsx';
import { ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { Avatar } from '../transcript/avatar.tsx';
import { SafeHtml } from '../transcript/safe-html.tsx';
import { textToHtml } from '../composer/markup.ts';
import { shortTime } from '../times.ts';
import { CustomAttributeRows } from './custom-attributes.tsx';
import { type AttributeValue, EditableRow } from './editable-row.tsx';

/** Keys for rows without ids: the same event twice in a second gets "#2". */
function keyed<T>(items: T[], keyOf: (item: T) => string): [string, T][] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = keyOf(item);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return [count > 1 ? `${base}#${count}` : base, item];
  });
}

type ContactUpdate = { name?: string | null; email?: string | null; phone?: string | null; custom_attributes?: Record<string, AttributeValue> };

/** The conversation's contact: details and attributes (editable with "reply"), companies, tags, events, conversations, notes. */
export function ContactCard({ contactId, conversationId, canEdit }: { contactId: string; conversationId: string; canEdit: boolean }) {
  const profile = useApiGet<ContactProfile>(`/contacts/${encodeURIComponent(contactId)}`);
  const path = usePath();
  const view = matchPath('/inbox/:view/:conversationId', path)?.view ?? 'all';

  async function save(change: ContactUpdate): Promise<string | undefined> {
    try {
      const updated = await api.put<ContactProfile | undefined>(`/contacts/${encodeURIComponent(contactId)}`, change);
      if (updated?.id) profile.setData(() => updated);
      else profile.reload();
      return undefined;
    } catch (failure) {
      return messageOf(failure);
    }
  }

  if (profile.error) {
    return (
      <section className="details-section" aria-label="Contact">
        <ErrorAlert message={profile.error} />
        <button type="button" className="button button-secondary button-small" onClick={profile.reload}>
          Try again
        </button>
      </section>
    );
  }
  const contact = profile.data;
  if (!contact) {
    return (
      <section className="details-section" aria-label="Contact">
        <Loading label="Loading the contact…" />
      </section>
    );
  }
  const others = contact.conversations.filter((conversation) => conversation.id !== conversationId);

  return (
    <>
      <section className="details-section contact-summary" aria-labelledby={`contact-${contact.id}`}>
        <div className="contact-identity">
          <Avatar name={contact.name ?? contact.email} seed={`contact:${contact.id}`} />
          <div>
            <h3 id={`contact-${contact.id}`} className="details-title">
              {contact.name ?? contact.email ?? 'Unnamed contact'}
            </h3>
            <p className="muted small">
              {contact.role === 'user' ? 'User' : 'Lead'}
              {contact.last_seen_at ? ` · seen ${shortTime(contact.last_seen_at)}` : ''}
            </p>
          </div>
        </div>
        <Link href={`/contacts/${encodeURIComponent(contact.id)}`} className="small">
          Open the contact page
        </Link>
      </section>

      <section className="details-section" aria-labelledby={`contact-attributes-${contact.id}`}>
        <h3 id={`contact-attributes-${contact.id}`} className="details-heading">
          Contact attributes
        </h3>
        <dl className="attributes">
          <EditableRow label="Name" value={contact.name} kind="string" canEdit={canEdit} onSave={(value) => save({ name: value === null ? null : String(value) })} />
          <EditableRow label="Email" value={contact.email} kind="email" canEdit={canEdit} onSave={(value) => save({ email: value === null ? null : String(value) })} />
          <EditableRow label="Phone" value={contact.phone} kind="tel" canEdit={canEdit} onSave={(value) => save({ phone: value === null ? null : String(value) })} />
          {contact.external_id ? <EditableRow label="User ID" value={contact.external_id} canEdit={false} onSave={async () => undefined} /> : null}
          <CustomAttributeRows model="contact" values={contact.custom_attributes} canEdit={canEdit} onSave={(name, value) => save({ custom_attributes: { [name]: value } })} />
        </dl>
      </section>

      <section className="details-section" aria-labelledby={`contact-companies-${contact.id}`}>
        <h3 id={`contact-companies-${contact.id}`} className="details-heading">
          Companies
        </h3>
        {contact.companies.length ? (
          <ul className="plain-list">
            {contact.companies.map((company) => (
              <li key={company.id}>
                <Link href={`/companies/${encodeURIComponent(company.id)}`}>{company.name}</Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No company.</p>
        )}
      </section>

      <section className="details-section" aria-labelledby={`contact-tags-${contact.id}`}>
        <h3 id={`contact-tags-${contact.id}`} className="details-heading">
          Contact tags
        </h3>
        {contact.tags.length ? (
          <ul className="tag-chips">
            {contact.tags.map((tag) => (
              <li key={tag.id} className="tag-chip">
                {tag.name}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No tags.</p>
        )}
      </section>

      <section className="details-section" aria-labelledby={`contact-events-${contact.id}`}>
        <h3 id={`contact-events-${contact.id}`} className="details-heading">
          Recent events
        </h3>
        {contact.recent_events.length ? (
          <ul className="plain-list">
            {keyed(contact.recent_events, (event) => `${event.name}-${event.created_at}`).map(([key, event]) => (
              <li key={key} className="split-row">
                <span>{event.name}</span>
                <span className="muted small">{shortTime(event.created_at)}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No events yet.</p>
        )}
      </section>

      <section className="details-section" aria-labelledby={`contact-conversations-${contact.id}`}>
        <h3 id={`contact-conversations-${contact.id}`} className="details-heading">
          Previous conversations
        </h3>
        {others.length ? (
          <ul className="plain-list">
            {others.map((conversation) => (
              <li key={conversation.id} className="split-row">
                <Link href={`/inbox/${encodeURIComponent(view)}/${encodeURIComponent(conversation.id)}`}>{conversation.title ?? 'Untitled conversation'}</Link>
                <span className="muted small">
                  {conversation.state} · {shortTime(conversation.updated_at)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No other conversations.</p>
        )}
      </section>

      <section className="details-section" aria-labelledby={`contact-notes-${contact.id}`}>
        <h3 id={`contact-notes-${contact.id}`} className="details-heading">
          Notes
        </h3>
        {contact.notes.length ? (
          <ul className="plain-list contact-notes">
            {contact.notes.map((note) => (
              <li key={note.id}>
                <SafeHtml html={note.body} className="message-body" />
                <p className="muted small">
                  {note.author?.name ?? 'A teammate'} · {shortTime(note.created_at)}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">No notes on this contact.</p>
        )}
        {canEdit ? <ContactNoteForm contactId={contact.id} onAdded={profile.reload} /> : null}
      </section>
    </>
  );
}

/** `POST /app-api/contacts/:id/notes`: a note on the person, seen by the team in every conversation. */
function ContactNoteForm({ contactId, onAdded }: { contactId: string; onAdded: () => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const add = useAction((body: string) => api.post(`/contacts/${encodeURIComponent(contactId)}/notes`, { body }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    const outcome = await add.run(textToHtml(text));
    if (!outcome.ok) return;
    setText('');
    onAdded();
  }

  return (
    <form className="contact-note-form" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Note on this contact
      </label>
      <textarea id={id} rows={2} placeholder="Add a note on this contact…" value={text} onChange={(event) => setText(event.target.value)} />
      <ErrorAlert message={add.error} />
      <div>
        <button type="submit" className="button button-secondary button-small" disabled={add.pending || !text.trim()}>
          {add.pending ? 'Adding…' : 'Add contact note'}
        </button>
      </div>
    </form>
  );
}
