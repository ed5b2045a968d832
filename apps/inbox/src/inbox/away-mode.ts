import type { AwayMode, Session } from '@frontdesk/api-types';
import { useCallback, useEffect } from 'react';
import { api } from '../api/client.ts';
import { useSessionContext } from '../session/session-context.tsx';
import { refreshLookup, teammatesLookup } from '../conversation/lookups.ts';

/**
 * Away mode, per teammate and workspace, kept on the server (PUT /app-api/session/away-mode) and read
 * from the session. Other teammates see it; while away, the Inbox sends no browser notifications.
 * The other tabs of this browser hear of a change through a storage ping and reload their session.
 */
const pingKey = 'frontdesk:away-changed';

export function isAway(session: Session): boolean {
  return session.away_mode.away_mode_enabled;
}

function pingOtherTabs(): void {
  try {
    window.localStorage.setItem(pingKey, String(Date.now()));
  } catch {
    // Storage refused (private mode): other tabs see the change when they reload.
  }
}

/** The current away mode and a setter that saves it; the setter answers with the saved session. */
export function useAwayMode(): [AwayMode, (change: { away_mode_enabled: boolean; away_mode_reassign?: boolean }) => Promise<void>] {
  const { state, signIn, refresh } = useSessionContext();
  if (state.status !== 'signed-in') throw new Error('useAwayMode without a session');

  useEffect(() => {
    const heard = (event: StorageEvent) => {
      if (event.key === pingKey) void refresh();
    };
    window.addEventListener('storage', heard);
    return () => window.removeEventListener('storage', heard);
  }, [refresh]);

  const set = useCallback(
    async (change: { away_mode_enabled: boolean; away_mode_reassign?: boolean }) => {
      signIn(await api.put<Session>('/session/away-mode', change));
      // The assign menu marks who is away: my own change shows there at once.
      refreshLookup(teammatesLookup);
      pingOtherTabs();
    },
    [signIn],
  );
  return [state.session.away_mode, set];
}
