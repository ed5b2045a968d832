import { Link } from '../router/router.tsx';
import { useSession } from '../session/session-context.tsx';
import { useDocumentTitle } from '../ui/document-title.ts';

/** The Inbox room is not built yet: say so plainly and point at what works today. */
export function InboxHome() {
  const session = useSession();
  useDocumentTitle('Inbox');
  return (
    <>
      <header className="page-header">
        <h1>Inbox</h1>
      </header>
      <div className="empty-state empty-state-large">
        <p className="empty-state-title">No conversations yet</p>
        <p className="muted">
          Conversations arrive with the Inbox, which is still being built. Until then you can set up{' '}
          {session.workspace.name}: secure your <Link href="/settings/account">account</Link>
          {session.permissions.manage_teammates ? (
            <>
              , invite your <Link href="/settings/teammates">teammates</Link>
            </>
          ) : null}
          {session.permissions.manage_api_tokens ? (
            <>
              {' '}
              or create an <Link href="/settings/api-tokens">API token</Link>
            </>
          ) : null}
          .
        </p>
      </div>
    </>
  );
}
