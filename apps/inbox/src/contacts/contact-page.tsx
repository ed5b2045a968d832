import type { ContactProfile, ContactUpdate, DataAttributeList, TagList } from '@frontdesk/api-types';
import { api, messageOf } from '../api/client.ts';
import { useApiGet } from '../api/use-api-get.ts';
import { Link } from '../router/router.tsx';
import { useSession } from '../session/session-context.tsx';
import { EmptyState, ErrorAlert, Loading } from '../ui/alerts.tsx';
import { useDocumentTitle } from '../ui/document-title.ts';
import { ContactCompanies, ContactConversations, ContactEvents } from './contact-activity.tsx';
import { ContactAttributes } from './contact-attributes.tsx';
import { ContactDetails } from './contact-details.tsx';
import { ContactNotes } from './contact-notes.tsx';
import { ContactTags } from './contact-tags.tsx';
import { displayName, PersonAvatar } from './person-avatar.tsx';
import './people.css';

/** `/contacts/:id`: everything the team knows about one person. */
export function ContactPage({ contactId }: { contactId: string }) {
  const session = useSession();
  const profile = useApiGet<ContactProfile>(`/contacts/${encodeURIComponent(contactId)}`);
  const attributes = useApiGet<DataAttributeList>('/data-attributes?model=contact');
  const tags = useApiGet<TagList>('/tags');
  const contact = profile.data;
  useDocumentTitle(contact ? displayName(contact) : 'Contact');
  const canEdit = session.permissions.reply;

  async function save(change: ContactUpdate): Promise<string | undefined> {
    try {
      const updated = await api.put<ContactProfile>(`/contacts/${encodeURIComponent(contactId)}`, change);
      profile.setData(() => updated);
      return undefined;
    } catch (failure) {
      return messageOf(failure);
    }
  }

  const back = (
    <Link href="/contacts" className="people-back-link">
      ← Contacts
    </Link>
  );
  if (profile.error) {
    return (
      <>
        {back}
        <EmptyState title="This contact could not be loaded">{profile.error}</EmptyState>
        <div>
          <button type="button" className="button button-secondary" onClick={profile.reload}>
            Try again
          </button>
        </div>
      </>
    );
  }
  if (!contact) {
    return (
      <>
        {back}
        <Loading label="Loading the contact…" />
      </>
    );
  }
  const declared = (attributes.data?.data_attributes ?? []).filter((attribute) => attribute.custom && !attribute.archived);

  return (
    <>
      {back}
      <header className="page-header people-profile-header">
        <PersonAvatar name={contact.name} email={contact.email} size="large" />
        <div>
          <h1>{displayName(contact)}</h1>
          <p className="muted">
            <span className={contact.role === 'user' ? 'badge people-badge-info' : 'badge'}>{contact.role === 'user' ? 'User' : 'Lead'}</span>{' '}
            {contact.email ?? 'No email'}
          </p>
        </div>
      </header>
      <ErrorAlert message={attributes.error ?? tags.error} />
      <div className="people-profile-columns">
        <div className="people-profile-main">
          <ContactDetails contact={contact} canEdit={canEdit} save={save} />
          <ContactAttributes contact={contact} declared={declared} canEdit={canEdit} save={save} />
          <ContactNotes
            contactId={contact.id}
            notes={contact.notes}
            canEdit={canEdit}
            onAdded={(note) => profile.setData((current) => ({ ...current, notes: [note, ...current.notes] }))}
          />
        </div>
        <div className="people-profile-side">
          <ContactTags
            contactId={contact.id}
            tags={contact.tags}
            known={tags.data?.tags ?? []}
            canEdit={canEdit}
            onChange={(next) => profile.setData((current) => ({ ...current, tags: next }))}
          />
          <ContactCompanies companies={contact.companies} />
          <ContactConversations conversations={contact.conversations} />
          <ContactEvents events={contact.recent_events} />
        </div>
      </div>
    </>
  );
}
