import type { Session } from '@frontdesk/api-types';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, setSessionLostHandler, setTwoFactorRequiredHandler } from '../api/client.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'unavailable'; message: string }
  | { status: 'signed-in'; session: Session };

interface SessionContextValue {
  state: SessionState;
  /** Store the session answered by login, signup, invite acceptance or a workspace switch. */
  signIn: (session: Session) => void;
  signOut: () => void;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

async function loadSession(): Promise<SessionState> {
  try {
    return { status: 'signed-in', session: await api.get<Session>('/session') };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { status: 'anonymous' };
    return { status: 'unavailable', message: error instanceof Error ? error.message : String(error) };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => setState(await loadSession()), []);
  const signIn = useCallback((session: Session) => setState({ status: 'signed-in', session }), []);
  const signOut = useCallback(() => setState({ status: 'anonymous' }), []);

  const current = useRef(state);
  current.current = state;

  useEffect(() => {
    // GET /session also sets the fd_csrf cookie every later write must echo.
    void refresh();
    setSessionLostHandler(signOut);
    // The workspace started requiring two-factor while the Inbox was open: reload the session once,
    // which shows the enrolment screen (later 403s while it shows change nothing).
    setTwoFactorRequiredHandler(() => {
      const known = current.current;
      if (known.status === 'signed-in' && known.session.two_factor_required) return;
      void refresh();
    });
  }, [refresh, signOut]);

  const value = useMemo(() => ({ state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSessionContext(): SessionContextValue {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSessionContext outside SessionProvider');
  return context;
}

/** The signed-in session; only for components rendered inside the app shell. */
export function useSession(): Session {
  const { state } = useSessionContext();
  if (state.status !== 'signed-in') throw new Error('useSession without a session');
  return state.session;
}
