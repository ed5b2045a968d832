import type { Permission } from '@frontdesk/api-types';
import type { ReactNode } from 'react';
import { InvitePage } from './auth/invite-page.tsx';
import { LoginPage } from './auth/login-page.tsx';
import { SignupPage } from './auth/signup-page.tsx';
import { Link, matchPath, Redirect, usePath } from './router/router.tsx';
import { useSession, useSessionContext } from './session/session-context.tsx';
import { AccountPage } from './settings/account/account-page.tsx';
import { ApiTokensPage } from './settings/api-tokens/api-tokens-page.tsx';
import { AuditPage } from './settings/audit/audit-page.tsx';
import { MessengerSettingsPage } from './settings/messenger/messenger-settings-page.tsx';
import { TeammatesPage } from './settings/teammates/teammates-page.tsx';
import { AppShell } from './shell/app-shell.tsx';
import { InboxHome } from './shell/inbox-home.tsx';
import { EmptyState, ErrorAlert, Loading } from './ui/alerts.tsx';

export function App() {
  const { state, refresh } = useSessionContext();
  const path = usePath();

  const invite = matchPath('/invite/:token', path);
  if (invite?.token) return <InvitePage token={invite.token} />;

  if (state.status === 'loading') {
    return (
      <div className="centered">
        <Loading />
      </div>
    );
  }
  if (state.status === 'unavailable') {
    return (
      <div className="centered stack narrow">
        <ErrorAlert message={state.message} />
        <button type="button" className="button button-primary" onClick={() => void refresh()}>
          Try again
        </button>
      </div>
    );
  }
  if (state.status === 'anonymous') {
    return path === '/signup' ? <SignupPage /> : <LoginPage />;
  }
  if (path === '/signup') return <Redirect to="/" />;
  return <AppShell>{<SignedInRoute path={path} />}</AppShell>;
}

function SignedInRoute({ path }: { path: string }) {
  switch (path.replace(/\/+$/, '') || '/') {
    case '/':
      return <InboxHome />;
    case '/settings':
    case '/settings/account':
      return <AccountPage />;
    case '/settings/teammates':
      return <Guarded permission="manage_teammates">{<TeammatesPage />}</Guarded>;
    case '/settings/messenger':
      // Everyone may look; only teammates with manage_settings can change (the page turns read-only).
      return <MessengerSettingsPage />;
    case '/settings/api-tokens':
      return <Guarded permission="manage_api_tokens">{<ApiTokensPage />}</Guarded>;
    case '/settings/audit':
      return <Guarded permission="view_audit_log">{<AuditPage />}</Guarded>;
    default:
      return (
        <EmptyState title="Page not found">
          There is nothing at this address. <Link href="/">Go to the Inbox</Link>.
        </EmptyState>
      );
  }
}

function Guarded({ permission, children }: { permission: Permission; children: ReactNode }) {
  const session = useSession();
  if (session.permissions[permission]) return children;
  return (
    <EmptyState title="You don't have access to this page">
      Ask an owner or admin of {session.workspace.name} to change your role.
    </EmptyState>
  );
}
