import type { ServerFrame } from '@frontdesk/api-types';
import { useEffect, useRef, useState } from 'react';
import { useRealtime } from '../realtime/realtime-provider.tsx';
import { useSession } from '../session/session-context.tsx';
import { isAway } from './away-mode.ts';
import { notify } from './browser-notifications.ts';
import { previewText } from './conversation-list-state.ts';
import { useTitleBadge } from './title-badge.ts';

type EventFrame = Extract<ServerFrame, { type: 'event' }>;

/** Frames older than this when they arrive are catch-up after a reconnect, not news. */
const staleAfterSeconds = 120;

/** Whether a `conversation.mentioned` event names this teammate (its details list `teammate_ids`). */
function mentionsMe(frame: EventFrame, me: string): boolean {
  const ids = frame.data?.teammate_ids;
  return Array.isArray(ids) && ids.some((id) => String(id) === me);
}

/** A customer's new message in my inbox, or a mention of me: what deserves an alert. */
export function alertFor(frame: ServerFrame, me: string): { conversationId: string; title: string; body: string; view: string } | null {
  if (frame.type !== 'event') return null;
  if (frame.name === 'conversation.mentioned' && mentionsMe(frame, me)) {
    return { conversationId: frame.conversation_id, title: 'You were mentioned', body: previewText(frame.part?.body ?? null) || 'A teammate mentioned you in a note', view: 'mentions' };
  }
  const part = frame.part;
  if (!part || (part.author.type !== 'user' && part.author.type !== 'lead')) return null;
  if (frame.conversation?.admin_assignee_id !== me) return null;
  return {
    conversationId: frame.conversation_id,
    title: part.author.name ? `New message from ${part.author.name}` : 'New message',
    body: previewText(part.body) || (part.attachments.length ? 'Sent an attachment' : ''),
    view: 'mine',
  };
}

/**
 * While the tab is hidden, counts conversations with news for me in the title ("(3) …") and shows a
 * browser notification for each (unless I'm away or did not allow them). Returns the count.
 */
export function useNewMessageAlerts(): number {
  const { onInbox } = useRealtime();
  const session = useSession();
  const me = session.teammate.id;
  // Read through a ref: a change of away mode must not re-subscribe (and drop) the inbox listener.
  const away = useRef(isAway(session));
  away.current = isAway(session);
  const [unseen, setUnseen] = useState<ReadonlySet<string>>(new Set());
  const started = useRef(Math.floor(Date.now() / 1000));

  useEffect(
    () =>
      onInbox((frame) => {
        if (!document.hidden || frame.type !== 'event') return;
        // (Clocks differ a little between the browser and the server: half a minute of slack.)
        if (frame.created_at < Math.max(started.current - 30, Math.floor(Date.now() / 1000) - staleAfterSeconds)) return;
        const alert = alertFor(frame, me);
        if (!alert) return;
        setUnseen((before) => (before.has(alert.conversationId) ? before : new Set([...before, alert.conversationId])));
        if (!away.current) notify(alert.title, alert.body, `/inbox/${alert.view}/${encodeURIComponent(alert.conversationId)}`, alert.conversationId);
      }),
    [onInbox, me],
  );

  useEffect(() => {
    const seen = () => {
      if (!document.hidden) setUnseen((before) => (before.size ? new Set() : before));
    };
    document.addEventListener('visibilitychange', seen);
    window.addEventListener('focus', seen);
    return () => {
      document.removeEventListener('visibilitychange', seen);
      window.removeEventListener('focus', seen);
    };
  }, []);

  useTitleBadge(unseen.size);
  return unseen.size;
}
