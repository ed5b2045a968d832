import type { ConversationDetail } from '@frontdesk/api-types';
import { EmptyState } from '../../ui/alerts.tsx';
import { longTime } from '../times.ts';
import { ContactCard } from './contact-card.tsx';
import { CustomAttributeRows } from './custom-attributes.tsx';
import type { AttributeValue } from './editable-row.tsx';

interface DetailsSidebarProps {
  detail: ConversationDetail;
  canEdit: boolean;
  /** Saves conversation attributes; resolves to an error message or undefined. */
  onSaveAttributes: (attributes: Record<string, AttributeValue>) => Promise<string | undefined>;
  /** Hides the column where it overlays the transcript (narrow panes). */
  onHide: () => void;
}

/** The right-hand column: the conversation's attributes, then its contact. */
export function DetailsSidebar({ detail, canEdit, onSaveAttributes, onHide }: DetailsSidebarProps) {
  const { conversation } = detail;
  const contactId = conversation.contact?.id ?? detail.contacts.find((person) => person.type === 'user' || person.type === 'lead')?.id;
  const participants = detail.contacts.filter((person) => person.id !== contactId);

  return (
    <aside className="details-sidebar" aria-label="Conversation details">
      <div className="details-close">
        <button type="button" className="button button-secondary button-small" onClick={onHide}>
          Hide details
        </button>
      </div>
      <section className="details-section" aria-labelledby={`conversation-attributes-${conversation.id}`}>
        <h3 id={`conversation-attributes-${conversation.id}`} className="details-heading">
          Conversation attributes
        </h3>
        <dl className="attributes">
          <div className="attribute-row">
            <dt>Started</dt>
            <dd>{longTime(conversation.created_at)}</dd>
          </div>
          <div className="attribute-row">
            <dt>ID</dt>
            <dd className="break-all">{conversation.id}</dd>
          </div>
          <CustomAttributeRows model="conversation" values={detail.custom_attributes} canEdit={canEdit} onSave={(name, value) => onSaveAttributes({ [name]: value })} />
        </dl>
      </section>
      {participants.length ? (
        <section className="details-section" aria-labelledby={`participants-${conversation.id}`}>
          <h3 id={`participants-${conversation.id}`} className="details-heading">
            Other participants
          </h3>
          <ul className="plain-list">
            {participants.map((person) => (
              <li key={person.id}>{person.name ?? person.email ?? 'Unnamed contact'}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {contactId ? (
        <ContactCard key={contactId} contactId={contactId} conversationId={conversation.id} canEdit={canEdit} />
      ) : (
        <EmptyState title="No contact">This conversation has no customer attached.</EmptyState>
      )}
    </aside>
  );
}
