import type { Permission } from '@frontdesk/api-types';
import type { ReactNode } from 'react';
import { InvitePage } from './auth/invite-page.tsx';
import { InboxProvider } from './inbox/inbox-context.tsx';
import { InboxWorkspace } from './inbox/inbox-workspace.tsx';
import { LoginPage } from './auth/login-page.tsx';
import { SignupPage } from './auth/signup-page.tsx';
import { RealtimeProvider } from './realtime/realtime-provider.tsx';
import { Link, matchPath, Redirect, usePath } from './router/router.tsx';
import { useSession, useSessionContext } from './session/session-context.tsx';
import { AccountPage } from './settings/account/account-page.tsx';
import { ApiTokensPage } from './settings/api-tokens/api-tokens-page.tsx';
import { AuditPage } from './settings/audit/audit-page.tsx';
import { MacrosPage } from './settings/macros/macros-page.tsx';
import { MessengerSettingsPage } from './settings/messenger/messenger-settings-page.tsx';
import { SavedRepliesPage } from './settings/saved-replies/saved-replies-page.tsx';
import { TeammatesPage } from './settings/teammates/teammates-page.tsx';
import { CompaniesPage } from './companies/companies-page.tsx';
import { CompanyPage } from './companies/company-page.tsx';
import { ContactPage } from './contacts/contact-page.tsx';
import { ContactsPage } from './contacts/contacts-page.tsx';
import { DataAttributesPage } from './settings/data-attributes/data-attributes-page.tsx';
import { heldForTwoFactor, TwoFactorRequiredNotice, TwoFactorRequiredScreen } from './settings/security/two-factor-gate.tsx';
import { SecurityPage } from './settings/security/security-page.tsx';
import { TagsPage } from './settings/tags/tags-page.tsx';
import { TeamsPage } from './settings/teams/teams-page.tsx';
import { WebhookPage } from './settings/webhooks/webhook-page.tsx';
import { WebhooksPage } from './settings/webhooks/webhooks-page.tsx';
import { AppShell } from './shell/app-shell.tsx';
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
  // One socket and one inbox state per signed-in teammate and workspace: switching starts them afresh.
  const { teammate, workspace } = state.session;
  return (
    <RealtimeProvider key={`${teammate.id}:${workspace.id_code}`}>
      <InboxProvider>
        <AppShell>{<SignedInRoute path={path} />}</AppShell>
      </InboxProvider>
    </RealtimeProvider>
  );
}

function SignedInRoute({ path }: { path: string }) {
  const session = useSession();
  const page = path.replace(/\/+$/, '') || '/';
  // A teammate held to two-factor reaches only the account page (the server refuses the rest).
  if (heldForTwoFactor(session) && page !== '/settings/account' && page !== '/settings') return <TwoFactorRequiredScreen />;
  const contact = matchPath('/contacts/:id', path);
  if (contact?.id) return <ContactPage key={contact.id} contactId={contact.id} />;
  const company = matchPath('/companies/:id', path);
  if (company?.id) return <CompanyPage key={company.id} companyId={company.id} />;
  const webhook = matchPath('/settings/webhooks/:id', path);
  if (webhook?.id) return <Guarded permission="manage_settings">{<WebhookPage key={webhook.id} webhookId={webhook.id} />}</Guarded>;
  const inbox = matchPath('/inbox/:view/:conversationId', path) ?? matchPath('/inbox/:view', path);
  if (inbox) return <InboxWorkspace viewId={inbox.view} conversationId={inbox.conversationId} />;
  switch (path.replace(/\/+$/, '') || '/') {
    case '/':
    case '/inbox':
      return <InboxWorkspace />;
    case '/settings':
    case '/settings/account':
      // The notice renders nothing unless held; keeping it in place keeps the page mounted through enrolment.
      return (
        <>
          <TwoFactorRequiredNotice />
          <AccountPage />
        </>
      );
    case '/contacts':
      return <ContactsPage />;
    case '/companies':
      return <CompaniesPage />;
    case '/settings/teams':
      return <Guarded permission="manage_teammates">{<TeamsPage />}</Guarded>;
    case '/settings/tags':
      return <TagsPage />;
    case '/settings/webhooks':
      return <Guarded permission="manage_settings">{<WebhooksPage />}</Guarded>;
    case '/settings/data-attributes':
      // Everyone may look (the contact page edits values by these types); changes need manage_settings.
      return <DataAttributesPage />;
    case '/settings/security':
      return <SecurityPage />;
    case '/settings/teammates':
      return <Guarded permission="manage_teammates">{<TeammatesPage />}</Guarded>;
    case '/settings/messenger':
      // Everyone may look; only teammates with manage_settings can change (the page turns read-only).
      return <MessengerSettingsPage />;
    case '/settings/saved-replies':
      // Everyone may use them; writing needs `reply` (the page turns read-only without it).
      return <SavedRepliesPage />;
    case '/settings/macros':
      return <MacrosPage />;
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
