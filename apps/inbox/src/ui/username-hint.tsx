import { useSession } from '../session/session-context.tsx';

/** Tells password managers whose password a form asks for; invisible to everyone else. */
export function UsernameHint() {
  const session = useSession();
  return <input type="email" name="username" autoComplete="username" value={session.teammate.email} readOnly hidden />;
}
