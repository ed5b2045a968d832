import type { ConversationPage, InboxView, InboxViewList } from '@frontdesk/api-types';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { api, messageOf } from '../api/client.ts';
import { useRealtime } from '../realtime/realtime-provider.tsx';
import { useSession } from '../session/session-context.tsx';
import { heldForTwoFactor } from '../settings/security/two-factor-gate.tsx';
import { pageSeq } from './conversation-list-state.ts';
import { useNewMessageAlerts } from './new-message-alerts.ts';
import './inbox.css';

const countsDelayMs = 700;
const followRetryMs = 15_000;

interface InboxContextValue {
  views: InboxView[] | undefined;
  viewsError: string | undefined;
  /** Reads the views and counts again, shortly (changes come in bursts) or `now`. */
  reloadViews: (options?: { now?: boolean }) => void;
  /** The view `/` shows: "Your inbox" when it holds open conversations, else "Unassigned" (chosen once). */
  defaultViewId: string | undefined;
  /** Conversations with new customer messages while the tab was hidden (the title badge). */
  unseen: number;
  /** Whether the workspace requires two-factor and this teammate has not set it up (no inbox until then). */
  held: boolean;
  /**
   * Whether the teammate stream is followed (or following it failed): lists read their pages only
   * then, so a page is never older than the stream position, and no change falls between the two.
   */
  streamReady: boolean;
}

const InboxContext = createContext<InboxContextValue | null>(null);

/**
 * What the whole signed-in app shares about the inbox: the views with their counts (refreshed as the
 * teammate stream moves), the subscription to that stream, and new-message alerts.
 */
export function InboxProvider({ children }: { children: ReactNode }) {
  const { onInbox, send } = useRealtime();
  const held = heldForTwoFactor(useSession());
  const [views, setViews] = useState<InboxView[]>();
  const [viewsError, setViewsError] = useState<string>();
  const [defaultViewId, setDefaultViewId] = useState<string>();
  const [streamReady, setStreamReady] = useState(false);
  const countsTimer = useRef<number | undefined>(undefined);

  const loadViews = useCallback(async () => {
    try {
      const list = await api.get<InboxViewList>('/inbox/views');
      setViews(list.views);
      setViewsError(undefined);
      setDefaultViewId((chosen) => chosen ?? chooseDefault(list.views));
    } catch (failure) {
      setViewsError(messageOf(failure));
    }
  }, []);

  const reloadViews = useCallback(
    (options?: { now?: boolean }) => {
      window.clearTimeout(countsTimer.current);
      countsTimer.current = window.setTimeout(() => void loadViews(), options?.now ? 0 : countsDelayMs);
    },
    [loadViews],
  );

  useEffect(() => {
    if (held) return;
    void loadViews();
    return () => window.clearTimeout(countsTimer.current);
  }, [loadViews, held]);

  useEffect(() => onInbox((frame) => (frame.type === 'event' || frame.type === 'reset' || frame.type === 'conversation_hidden' ? reloadViews() : undefined)), [onInbox, reloadViews]);

  // Follow the teammate stream from where the server stands now (learned from a one-row page).
  useEffect(() => {
    if (held) return;
    let stopped = false;
    let timer: number | undefined;
    const follow = async () => {
      try {
        const page = await api.get<ConversationPage>('/inbox/conversations?view=all&state=open&per_page=1');
        if (stopped) return;
        send({ type: 'subscribe_inbox', after: pageSeq(page) });
        setStreamReady(true);
      } catch {
        if (stopped) return;
        // Lists load anyway (they show the error if the server is down); live updates wait for the retry.
        setStreamReady(true);
        timer = window.setTimeout(follow, followRetryMs);
      }
    };
    void follow();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [send, held]);

  const unseen = useNewMessageAlerts();
  const value = useMemo(
    () => ({ views, viewsError, reloadViews, defaultViewId, unseen, held, streamReady }),
    [views, viewsError, reloadViews, defaultViewId, unseen, held, streamReady],
  );
  return <InboxContext value={value}>{children}</InboxContext>;
}

function chooseDefault(views: InboxView[]): string {
  const mine = views.find((view) => view.kind === 'mine');
  if (mine && mine.count > 0) return mine.id;
  return views.find((view) => view.kind === 'unassigned')?.id ?? mine?.id ?? views[0]?.id ?? 'all';
}

export function useInbox(): InboxContextValue {
  const context = useContext(InboxContext);
  if (!context) throw new Error('useInbox outside InboxProvider');
  return context;
}

/** The signed-in teammate's id (views and alerts compare assignees with it). */
export function useMyId(): string {
  return useSession().teammate.id;
}
