import { Fragment } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { isVisitor } from '../conversations.ts';
import type { Messenger } from '../messenger.ts';
import { Composer } from './composer.tsx';
import { collectsEmail, EmailCard } from './email-card.tsx';
import { BackIcon } from './icons.tsx';
import { CloseButton } from './panel.tsx';
import { PartView } from './part-view.tsx';

export function ConversationView({ messenger }: { messenger: Messenger }) {
  const { t, view, config } = messenger;
  const store = messenger.conversations;
  const conversation = view.kind === 'conversation' ? store.byId.get(view.id) : undefined;
  const parts = conversation?.parts ?? [];
  const conversationId = conversation?.id ?? null;
  const pending = store.pending.filter((item) => item.conversationId === conversationId);
  const typing = conversation?.typing && conversation.typing.until > Date.now() ? conversation.typing : null;
  const lastMine = [...parts].reverse().find(isVisitor);
  // The email collector follows the visitor's first message, for a visitor the team can't email yet.
  const askAfter = collectsEmail(messenger) ? parts.find(isVisitor)?.id : undefined;
  const seenId = conversation && lastMine && conversation.readAt >= lastMine.created_at ? lastMine.id : null;
  const log = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [parts.length, pending.length, Boolean(typing)]);

  return (
    <>
      <header class="fd-bar">
        <button type="button" class="fd-icon-button" aria-label={t('back')} onClick={() => messenger.go({ kind: 'space', space: 'messages' })}>
          <BackIcon />
        </button>
        <div class="fd-bar-title">
          <h2 class="fd-title">{config?.team_name || t('team')}</h2>
          <span class="fd-muted">{messenger.replyTime()}</span>
        </div>
        <CloseButton messenger={messenger} />
      </header>
      <div ref={log} class="fd-log fd-scroll" role="log" aria-live="polite" aria-label={t('messages')}>
        {parts.length === 0 && pending.length === 0 && config?.team_intro && <p class="fd-empty">{config.team_intro}</p>}
        {parts.map((part) => (
          <Fragment key={part.id}>
            <PartView messenger={messenger} part={part} />
            {part.id === seenId && <p class="fd-seen">{t('seen')}</p>}
            {part.id === askAfter && <EmailCard messenger={messenger} />}
          </Fragment>
        ))}
        {pending.map((item) => (
          <div key={item.key} class="fd-part fd-mine fd-pending">
            <div class="fd-bubble">{item.text}</div>
            <span class="fd-muted">{t('sending')}</span>
          </div>
        ))}
        {typing && <p class="fd-typing">{t('typing', { name: typing.name ?? t('team') })}</p>}
      </div>
      {store.error && (
        <p class="fd-error" role="alert">
          {store.error}
        </p>
      )}
      <Composer key={conversationId ?? 'new'} messenger={messenger} conversationId={conversationId} />
    </>
  );
}
