import type { ClientFrame, ServerFrame } from '@frontdesk/api-types';
import { useCallback, useEffect, useRef, useState } from 'react';

/** Who else is on this conversation right now: the visitor typing, teammates viewing or typing. */
export interface Presence {
  /** The contact's name while they type ("Vera is typing…"). */
  visitorTyping: string | null;
  /** Other teammates, typing first. */
  teammates: { id: string; name: string; activity: 'viewing' | 'typing' }[];
}

const visitorTypingMs = 4000;
const teammateTypingMs = 4000;
/** Viewing is re-sent every 10 s; a teammate is gone after two missed beats. */
const viewingMs = 25_000;
const viewingEveryMs = 10_000;
const typingEveryMs = 3000;
/** The server takes one signal a second per socket, timed when it gets to it, and drops the rest: space ours out with a margin. */
const signalGapMs = 1500;

interface Seen {
  name: string;
  typingUntil: number;
  viewingUntil: number;
}

/**
 * Reads typing and viewing signals, and sends this teammate's: `viewing` now and every 10 s while the
 * conversation is open and the tab visible, `typing` at most every 3 s while a reply is being written.
 */
export function usePresence(conversationId: string, myId: string, send: (frame: ClientFrame) => void, connected: boolean, contactName: string | null) {
  const [presence, setPresence] = useState<Presence>({ visitorTyping: null, teammates: [] });
  const visitor = useRef<{ name: string; until: number } | null>(null);
  const others = useRef(new Map<string, Seen>());
  const lastTyping = useRef(0);
  /** When the server takes our next signal. */
  const nextFree = useRef(0);
  const queued = useRef(new Map<'typing' | 'viewing', number>());
  const sendRef = useRef(send);
  sendRef.current = send;
  // Visitors' signals carry no name: the conversation's contact is who types.
  const contactRef = useRef(contactName);
  contactRef.current = contactName;

  /** Sends a signal now, or as soon as the server will take it (one of each kind waits at most). */
  const signal = useCallback(
    (kind: 'typing' | 'viewing') => {
      if (queued.current.has(kind)) return;
      const now = Date.now();
      const at = Math.max(now, nextFree.current);
      nextFree.current = at + signalGapMs;
      const go = () => {
        queued.current.delete(kind);
        sendRef.current({ type: kind, conversation_id: conversationId });
      };
      if (at <= now) go();
      else queued.current.set(kind, window.setTimeout(go, at - now));
    },
    [conversationId],
  );

  useEffect(
    () => () => {
      for (const timer of queued.current.values()) window.clearTimeout(timer);
      queued.current.clear();
    },
    [],
  );

  const refresh = useCallback(() => {
    const now = Date.now();
    if (visitor.current && visitor.current.until <= now) visitor.current = null;
    const teammates: Presence['teammates'] = [];
    for (const [id, seen] of others.current) {
      if (seen.typingUntil > now) teammates.push({ id, name: seen.name, activity: 'typing' });
      else if (seen.viewingUntil > now) teammates.push({ id, name: seen.name, activity: 'viewing' });
      else others.current.delete(id);
    }
    teammates.sort((a, b) => (a.activity === b.activity ? a.name.localeCompare(b.name) : a.activity === 'typing' ? -1 : 1));
    setPresence({ visitorTyping: visitor.current?.name ?? null, teammates });
  }, []);

  // Signals expire on their own: look again every second while anything is shown.
  useEffect(() => {
    if (!presence.visitorTyping && presence.teammates.length === 0) return;
    const timer = window.setInterval(refresh, 1000);
    return () => window.clearInterval(timer);
  }, [presence, refresh]);

  useEffect(() => {
    if (!connected) return;
    const beat = () => {
      if (document.visibilityState === 'visible') signal('viewing');
    };
    beat();
    const timer = window.setInterval(beat, viewingEveryMs);
    document.addEventListener('visibilitychange', beat);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', beat);
    };
  }, [connected, signal]);

  const receive = useCallback(
    (frame: ServerFrame) => {
      if ((frame.type !== 'typing' && frame.type !== 'viewing') || frame.conversation_id !== conversationId) return;
      const now = Date.now();
      const { author } = frame;
      if (author.type !== 'admin') {
        visitor.current = { name: author.name ?? contactRef.current ?? 'The customer', until: now + visitorTypingMs };
      } else if (author.id !== myId) {
        const seen = others.current.get(author.id) ?? { name: author.name ?? 'A teammate', typingUntil: 0, viewingUntil: 0 };
        // Typing implies viewing.
        seen.viewingUntil = now + viewingMs;
        if (frame.type === 'typing') seen.typingUntil = now + teammateTypingMs;
        others.current.set(author.id, seen);
      }
      refresh();
    },
    [conversationId, myId, refresh],
  );

  /** The teammate typed in the reply composer. */
  const typed = useCallback(() => {
    const now = Date.now();
    if (now - lastTyping.current < typingEveryMs) return;
    lastTyping.current = now;
    signal('typing');
  }, [signal]);

  /** A message from someone ends their typing at once. */
  const spoke = useCallback(
    (authorType: string, authorId: string | null) => {
      if (authorType === 'admin') {
        const seen = authorId ? others.current.get(authorId) : undefined;
        if (seen) seen.typingUntil = 0;
      } else {
        visitor.current = null;
      }
      refresh();
    },
    [refresh],
  );

  return { presence, receive, typed, spoke };
}
