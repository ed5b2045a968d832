import type { ContactListItem } from '@frontdesk/api-types';
import { Link } from '../router/router.tsx';
import { formatTime } from '../ui/format.ts';
import { displayName, PersonAvatar } from './person-avatar.tsx';
import { TagChips } from './tag-chips.tsx';

/** Contacts as rows; each name opens the contact page. */
export function ContactsTable({ contacts, caption }: { contacts: ContactListItem[]; caption: string }) {
  return (
    <div className="table-wrap">
      <table className="table people-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Type</th>
            <th scope="col" className="people-hide-narrow">
              Tags
            </th>
            <th scope="col">Last seen</th>
            <th scope="col" className="people-hide-narrow">
              Created
            </th>
          </tr>
        </thead>
        <tbody>
          {contacts.map((contact) => (
            <tr key={contact.id}>
              <td>
                <span className="people-person-cell">
                  <PersonAvatar name={contact.name} email={contact.email} />
                  <Link href={`/contacts/${encodeURIComponent(contact.id)}`}>{displayName(contact)}</Link>
                </span>
              </td>
              <td className="break-all">{contact.email ?? <span className="muted">—</span>}</td>
              <td>
                <span className={contact.role === 'user' ? 'badge people-badge-info' : 'badge'}>{contact.role === 'user' ? 'User' : 'Lead'}</span>
              </td>
              <td className="people-hide-narrow">
                <TagChips tags={contact.tags} />
              </td>
              <td className="nowrap">{formatTime(contact.last_seen_at)}</td>
              <td className="nowrap people-hide-narrow">{formatTime(contact.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
