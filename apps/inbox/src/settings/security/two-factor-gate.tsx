import type { Session } from '@frontdesk/api-types';
import { Link } from '../../router/router.tsx';
import { useSession } from '../../session/session-context.tsx';
import { useDocumentTitle } from '../../ui/document-title.ts';
import '../../contacts/people.css';

/**
 * The workspace requires two-factor and this teammate has not enrolled: the server answers 403
 * `two_factor_required` everywhere but the account page, so the Inbox shows only the way there.
 * Enrolling flips `teammate.two_factor_enabled` in the session, which lifts this at once.
 */
export function heldForTwoFactor(session: Session): boolean {
  return session.two_factor_required === true && !session.teammate.two_factor_enabled;
}

export function TwoFactorRequiredScreen() {
  const session = useSession();
  useDocumentTitle('Two-factor authentication required');
  return (
    <div className="empty-state empty-state-large people-two-factor-required">
      <h1 className="empty-state-title">{session.workspace.name} requires two-factor authentication</h1>
      <p className="muted">
        An admin turned on two-factor authentication for everyone in this workspace. Set it up on your account with an authenticator app to get back to
        work: it takes a minute.
      </p>
      <Link href="/settings/account" className="button button-primary">
        Set up two-factor authentication
      </Link>
      {session.workspaces.length > 1 ? <p className="muted small">You can also switch to another workspace from the menu.</p> : null}
    </div>
  );
}

/** Above the account page while held: why the rest of the Inbox is closed. */
export function TwoFactorRequiredNotice() {
  const session = useSession();
  if (!heldForTwoFactor(session)) return null;
  return (
    <div className="alert alert-warning" role="status">
      {session.workspace.name} requires two-factor authentication. Set it up below to use the Inbox.
    </div>
  );
}
