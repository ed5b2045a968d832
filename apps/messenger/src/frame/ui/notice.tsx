import type { Messenger } from '../messenger.ts';
import { plainText } from '../sanitize.ts';
import { CloseIcon } from './icons.tsx';

/** A teammate's new message, shown beside the closed Messenger (unless notifications are hidden). */
export function Notice({ messenger }: { messenger: Messenger }) {
  const notice = messenger.conversations.notice;
  if (!notice) return null;
  const { t } = messenger;
  const dismiss = () => {
    messenger.conversations.notice = null;
    messenger.changed();
  };
  return (
    <div class="fd-notice" role="status">
      <button
        type="button"
        class="fd-notice-body"
        onClick={() => {
          messenger.go({ kind: 'conversation', id: notice.conversationId });
          messenger.setOpen(true);
        }}
      >
        <strong>{notice.part.author.name ?? t('team')}</strong>
        <span class="fd-snippet">{plainText(notice.part.body) || notice.part.attachments[0]?.name}</span>
      </button>
      <button type="button" class="fd-icon-button fd-notice-close" aria-label={t('dismiss')} onClick={dismiss}>
        <CloseIcon />
      </button>
    </div>
  );
}
