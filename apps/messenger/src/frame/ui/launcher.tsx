import { useEffect, useRef } from 'preact/hooks';
import type { Messenger } from '../messenger.ts';
import { ChatIcon, CloseIcon } from './icons.tsx';

export function Launcher({ messenger }: { messenger: Messenger }) {
  const { t, open } = messenger;
  const unread = messenger.conversations.unreadTotal();
  const button = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(open);

  // Closing from inside the frame (Escape, the close button) gives the focus back to the launcher.
  useEffect(() => {
    if (wasOpen.current && !open && document.hasFocus()) button.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const label = open ? t('close') : unread ? `${t('open')} (${t('unread', { n: unread })})` : t('open');
  return (
    <button ref={button} type="button" class="fd-launcher" aria-label={label} aria-expanded={open} onClick={() => messenger.setOpen(!open)}>
      {open ? <CloseIcon /> : <ChatIcon />}
      {!open && unread > 0 && (
        <span class="fd-badge" aria-hidden="true" data-testid="unread-badge">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
