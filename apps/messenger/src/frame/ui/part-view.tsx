import type { LivePart } from '@frontdesk/api-types';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { isVisitor } from '../conversations.ts';
import type { Messenger } from '../messenger.ts';
import { safeUrl, sanitizedFragment } from '../sanitize.ts';
import { Avatar } from './avatar.tsx';
import { clock } from './time.ts';

const inlineImage = /^image\/(png|jpeg|gif|webp)$/;

export function PartView({ messenger, part }: { messenger: Messenger; part: LivePart }) {
  const { t } = messenger;
  const mine = isVisitor(part);
  return (
    <div class={mine ? 'fd-part fd-mine' : 'fd-part'}>
      {!mine && <Avatar name={part.author.name} src={part.author.avatar} />}
      <div class="fd-part-content">
        {!mine && <span class="fd-author">{part.author.name ?? t('team')}</span>}
        <div class="fd-bubble">
          {part.body && <RichText html={part.body} />}
          {part.attachments.map((attachment) => {
            const url = safeUrl(attachment.url, /^https?:$/);
            if (!url) return null;
            const name = attachment.name ?? url;
            return (
              <a key={url} class="fd-attachment" href={url} target="_blank" rel="noopener noreferrer">
                {inlineImage.test(attachment.content_type ?? '') ? <img src={url} alt={name} loading="lazy" /> : name}
              </a>
            );
          })}
        </div>
        {part.redacted && <span class="fd-redacted">{t('redacted')}</span>}
        <time class="fd-muted">{clock(part.created_at, messenger.locale)}</time>
      </div>
    </div>
  );
}

/** A message body, rebuilt node by node from the sanitizer's allowlist. */
function RichText({ html }: { html: string }) {
  const element = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    element.current?.replaceChildren(sanitizedFragment(html));
  }, [html]);
  return <div ref={element} class="fd-text" />;
}
