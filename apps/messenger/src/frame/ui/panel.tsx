import { useEffect, useRef } from 'preact/hooks';
import type { Messenger } from '../messenger.ts';
import { ConversationView } from './conversation-view.tsx';
import { Avatar } from './avatar.tsx';
import { CloseIcon } from './icons.tsx';
import { HelpSpace, HomeSpace, MessagesSpace } from './spaces.tsx';

export function Panel({ messenger }: { messenger: Messenger }) {
  const panel = useRef<HTMLDivElement>(null);
  const { t, view } = messenger;

  // On opening, focus what the visitor came for (the composer when one asks for it), else the panel.
  useEffect(() => {
    const target = panel.current?.querySelector<HTMLElement>('[data-autofocus]') ?? panel.current;
    target?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      messenger.setOpen(false);
    }
  };

  return (
    <div ref={panel} class="fd-panel" role="dialog" aria-label={t('messenger')} tabIndex={-1} onKeyDown={onKeyDown}>
      {messenger.status === 'failed' ? (
        <>
          <header class="fd-bar">
            <h2 class="fd-title">{t('messenger')}</h2>
            <CloseButton messenger={messenger} />
          </header>
          <div class="fd-scroll">
            <p class="fd-error" role="alert">
              {t('failed', { reason: messenger.failure })}
            </p>
          </div>
        </>
      ) : view.kind === 'space' ? (
        <Spaces messenger={messenger} />
      ) : (
        <ConversationView messenger={messenger} />
      )}
    </div>
  );
}

function Spaces({ messenger }: { messenger: Messenger }) {
  const { t, view, config } = messenger;
  const space = view.kind === 'space' ? view.space : 'home';
  const unread = messenger.conversations.unreadTotal();
  const tabs = [
    ['home', t('home')],
    ['messages', t('messages')],
    ['help', t('help')],
  ] as const;
  return (
    <>
      {space === 'home' ? (
        <header class="fd-hero">
          <div class="fd-hero-top">
            <div class="fd-avatars">
              {(config?.team.avatars ?? []).slice(0, 3).map((teammate) => (
                <Avatar key={teammate.name} name={teammate.name} src={teammate.avatar} />
              ))}
            </div>
            <CloseButton messenger={messenger} />
          </div>
          <h2>{config?.greeting || t('hello')}</h2>
          {config?.team_intro && <p>{config.team_intro}</p>}
        </header>
      ) : (
        <header class="fd-bar">
          <h2 class="fd-title">{space === 'messages' ? t('messages') : t('help')}</h2>
          <CloseButton messenger={messenger} />
        </header>
      )}
      <div class="fd-scroll">
        {space === 'home' ? (
          <HomeSpace messenger={messenger} />
        ) : space === 'messages' ? (
          <MessagesSpace messenger={messenger} />
        ) : (
          <HelpSpace messenger={messenger} />
        )}
      </div>
      <nav class="fd-nav" aria-label={t('messenger')}>
        {tabs.map(([name, label]) => (
          <button
            key={name}
            type="button"
            aria-current={space === name ? 'page' : undefined}
            onClick={() => messenger.go({ kind: 'space', space: name })}
          >
            {label}
            {name === 'messages' && unread > 0 && <span class="fd-count">{unread}</span>}
          </button>
        ))}
      </nav>
    </>
  );
}

export function CloseButton({ messenger }: { messenger: Messenger }) {
  return (
    <button type="button" class="fd-icon-button fd-close" aria-label={messenger.t('close')} onClick={() => messenger.setOpen(false)}>
      <CloseIcon />
    </button>
  );
}
