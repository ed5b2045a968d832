import type { ConversationSummary } from '@frontdesk/api-types';
import { Link } from '../router/router.tsx';
import { formatTime } from '../ui/format.ts';
import { initialsOf, shortTime } from './short-time.ts';

interface RowProps {
  conversation: ConversationSummary;
  href: string;
  selected: boolean;
  active: boolean;
  now: number;
  onFocus: () => void;
}

export function contactLabel(conversation: ConversationSummary): string {
  const contact = conversation.contact;
  return contact?.name || contact?.email || conversation.title || (contact?.type === 'lead' ? 'Lead' : 'Visitor');
}

function previewOf(conversation: ConversationSummary): string {
  const last = conversation.last_message;
  if (!last) return conversation.title ?? 'No messages yet';
  return last.author_type === 'admin' || last.author_type === 'bot' ? `You: ${last.text}` : last.text;
}

/** One conversation in the list: who, the last message as text, when, assignee, tags, priority, unread. */
export function ConversationRow({ conversation, href, selected, active, now, onFocus }: RowProps) {
  const unread = !conversation.read;
  const time = conversation.last_message?.created_at ?? conversation.updated_at;
  const assignee = conversation.admin_assignee?.name ?? conversation.team_assignee?.name ?? null;
  const priority = conversation.priority === 'priority';
  return (
    <li className="conversation-row-item">
      <Link
        href={href}
        className={`conversation-row${unread ? ' is-unread' : ''}${active ? ' is-active' : ''}`}
        aria-current={selected ? 'true' : undefined}
        data-conversation-id={conversation.id}
        onFocus={onFocus}
      >
        <span className="avatar conversation-row-avatar" aria-hidden="true">
          {initialsOf(conversation.contact?.name ?? conversation.contact?.email)}
        </span>
        <span className="conversation-row-main">
          <span className="conversation-row-top">
            <span className="conversation-row-name">{contactLabel(conversation)}</span>
            {priority ? (
              <span className="priority-flag" title="Priority">
                <span aria-hidden="true">★</span>
                <span className="visually-hidden">, priority</span>
              </span>
            ) : null}
            <time className="conversation-row-time" dateTime={new Date(time * 1000).toISOString()} title={formatTime(time)}>
              {shortTime(time, now)}
            </time>
          </span>
          <span className="conversation-row-preview">{previewOf(conversation)}</span>
          {assignee || conversation.tags.length ? (
            <span className="conversation-row-meta">
              {assignee ? <span className="conversation-row-assignee">{assignee}</span> : null}
              {conversation.tags.slice(0, 3).map((tag) => (
                <span key={tag.id} className="tag-chip">
                  {tag.name}
                </span>
              ))}
              {conversation.tags.length > 3 ? <span className="tag-chip">+{conversation.tags.length - 3}</span> : null}
            </span>
          ) : null}
        </span>
        {unread ? (
          <span className="unread-dot">
            <span className="visually-hidden">, unread</span>
          </span>
        ) : null}
      </Link>
    </li>
  );
}
