import type { ClientFrame, ServerFrame } from '@frontdesk/api-types';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { RealtimeConnection, type RealtimeStatus } from './realtime-connection.ts';

export interface Realtime {
  status: RealtimeStatus;
  /** Follows a conversation's events after `after` (its `seq`); returns the unsubscribe function. */
  subscribeConversation(id: string, after: number, onFrame: (f: ServerFrame) => void): () => void;
  /** The teammate stream's frames (once something sent `subscribe_inbox`), and inbox `reset`s. */
  onInbox(onFrame: (f: ServerFrame) => void): () => void;
  send(frame: ClientFrame): void;
}

const RealtimeContext = createContext<Realtime | null>(null);

function realtimeUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/realtime`;
}

/**
 * One socket per tab for everything live in the Inbox (the session cookie authenticates it). Render it
 * once per signed-in workspace: a new workspace needs a new socket.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<RealtimeStatus>('connecting');
  const [connection] = useState(() => new RealtimeConnection({ url: realtimeUrl, onStatus: setStatus }));

  useEffect(() => {
    connection.start();
    return () => connection.stop();
  }, [connection]);

  // The functions stay the same across status changes, so effects that depend on them do not re-run.
  const actions = useMemo<Omit<Realtime, 'status'>>(
    () => ({
      subscribeConversation: (id, after, onFrame) => connection.subscribeConversation(id, after, onFrame),
      onInbox: (onFrame) => connection.onInbox(onFrame),
      send: (frame) => connection.send(frame),
    }),
    [connection],
  );
  const value = useMemo<Realtime>(() => ({ status, ...actions }), [status, actions]);
  return <RealtimeContext value={value}>{children}</RealtimeContext>;
}

export function useRealtime(): Realtime {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error('useRealtime outside RealtimeProvider');
  return realtime;
}
