import type { Conversation } from '../conversations.ts';
import type { Messenger } from '../messenger.ts';
import { plainText } from '../sanitize.ts';
import { ago } from './time.ts';

export function HomeSpace({ messenger }: { messenger: Messenger }) {
  const { t } = messenger;
  const recent = messenger.conversations.list()[0];
  return (
    <>
      <button type="button" class="fd-card fd-start" onClick={() => messenger.go({ kind: 'new' })}>
        <strong>{t('sendUs')}</strong>
        <span class="fd-muted">{messenger.replyTime()}</span>
      </button>
      {recent && (
        <section class="fd-card">
          <h3 class="fd-muted">{t('recent')}</h3>
          <ConversationRow messenger={messenger} conversation={recent} />
        </section>
      )}
    </>
  );
}

export function MessagesSpace({ messenger }: { messenger: Messenger }) {
  const { t } = messenger;
  const conversations = messenger.conversations.list();
  return (
    <>
      {conversations.length === 0 ? (
        <p class="fd-empty">{t('none')}</p>
      ) : (
        <ul class="fd-list">
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <ConversationRow messenger={messenger} conversation={conversation} />
            </li>
          ))}
        </ul>
      )}
      <button type="button" class="fd-primary" onClick={() => messenger.go({ kind: 'new' })}>
        {t('newConversation')}
      </button>
    </>
  );
}

export function HelpSpace({ messenger }: { messenger: Messenger }) {
  return (
    <>
      <p class="fd-empty">{messenger.t('helpSoon')}</p>
      <button type="button" class="fd-primary" onClick={() => messenger.go({ kind: 'new' })}>
        {messenger.t('sendUs')}
      </button>
    </>
  );
}

function ConversationRow({ messenger, conversation }: { messenger: Messenger; conversation: Conversation }) {
  const { t } = messenger;
  const last = conversation.parts[conversation.parts.length - 1];
  const mine = last && (last.author.type === 'user' || last.author.type === 'lead');
  const author = last ? (mine ? t('you') : (last.author.name ?? t('team'))) : t('team');
  const preview = last ? plainText(last.body) || last.attachments[0]?.name || '' : '';
  const unread = conversation.unread > 0;
  return (
    <button
      type="button"
      class={unread ? 'fd-row fd-unread' : 'fd-row'}
      onClick={() => messenger.go({ kind: 'conversation', id: conversation.id })}
    >
      <span class="fd-row-text">
        <strong>{author}</strong>
        <span>{preview}</span>
      </span>
      <span class="fd-row-meta">
        <time>{ago(conversation.updated_at, messenger.locale)}</time>
        {unread && <span class="fd-dot" role="img" aria-label={t('unreadIn')} />}
      </span>
    </button>
  );
}
