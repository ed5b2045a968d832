import type { ContactProfile } from '@frontdesk/api-types';
import { Link } from '../router/router.tsx';
import { Panel } from '../settings/settings-page.tsx';
import { formatTime } from '../ui/format.ts';

const stateLabels = { open: 'Open', snoozed: 'Snoozed', closed: 'Closed' } as const;

export function ContactCompanies({ companies }: { companies: ContactProfile['companies'] }) {
  return (
    <Panel title="Companies" id="contact-companies-title">
      {companies.length === 0 ? (
        <p className="muted">Not in any company.</p>
      ) : (
        <ul className="people-plain-list">
          {companies.map((company) => (
            <li key={company.id}>
              <Link href={`/companies/${encodeURIComponent(company.id)}`}>{company.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** The contact's newest conversations the teammate may see; each opens in the Inbox. */
export function ContactConversations({ conversations }: { conversations: ContactProfile['conversations'] }) {
  return (
    <Panel title="Conversations" id="contact-conversations-title">
      {conversations.length === 0 ? (
        <p className="muted">No conversations yet.</p>
      ) : (
        <ul className="people-plain-list">
          {conversations.map((conversation) => (
            <li key={conversation.id} className="people-activity-row">
              <Link href={`/inbox/all/${encodeURIComponent(conversation.id)}`}>{conversation.title ?? `Conversation #${conversation.id}`}</Link>
              <span className="muted small">
                <span className={`badge people-badge-${conversation.state}`}>{stateLabels[conversation.state]}</span> {formatTime(conversation.updated_at)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/** Events have no id: the same name twice in a second gets "#2". */
function keyed<T extends { name: string; created_at: number }>(events: T[]): [string, T][] {
  const seen = new Map<string, number>();
  return events.map((event) => {
    const base = `${event.name}@${event.created_at}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return [count > 1 ? `${base}#${count}` : base, event];
  });
}

export function ContactEvents({ events }: { events: ContactProfile['recent_events'] }) {
  return (
    <Panel title="Recent events" id="contact-events-title">
      {events.length === 0 ? (
        <p className="muted">No events recorded. Your product sends them with the Messenger's trackEvent or the events API.</p>
      ) : (
        <ul className="people-plain-list">
          {keyed(events).map(([key, event]) => (
            <li key={key} className="people-activity-row">
              <span className="people-event-name">{event.name}</span>
              <span className="muted small">{formatTime(event.created_at)}</span>
              {Object.keys(event.metadata).length > 0 ? (
                <span className="muted small break-all">
                  {Object.entries(event.metadata)
                    .slice(0, 4)
                    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
                    .join(' · ')}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
