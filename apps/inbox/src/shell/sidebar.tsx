import type { Permission } from '@frontdesk/api-types';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { PresenceControls } from '../inbox/presence-controls.tsx';
import { ViewsNav } from '../inbox/views-nav.tsx';
import { Link, navigate, usePath } from '../router/router.tsx';
import { useSession, useSessionContext } from '../session/session-context.tsx';
import { ErrorAlert } from '../ui/alerts.tsx';
import { heldForTwoFactor } from '../settings/security/two-factor-gate.tsx';
import { WorkspaceSwitcher } from './workspace-switcher.tsx';

interface NavItem {
  href: string;
  label: string;
  permission?: Permission;
}

const peopleNav: NavItem[] = [
  { href: '/contacts', label: 'Contacts' },
  { href: '/companies', label: 'Companies' },
];

export const settingsNav: NavItem[] = [
  { href: '/settings/account', label: 'Account' },
  { href: '/settings/teammates', label: 'Teammates', permission: 'manage_teammates' },
  { href: '/settings/messenger', label: 'Messenger' },
  { href: '/settings/saved-replies', label: 'Saved replies' },
  { href: '/settings/macros', label: 'Macros' },
  { href: '/settings/teams', label: 'Teams', permission: 'manage_teammates' },
  { href: '/settings/tags', label: 'Tags' },
  { href: '/settings/data-attributes', label: 'Data attributes' },
  { href: '/settings/webhooks', label: 'Webhooks', permission: 'manage_settings' },
  { href: '/settings/security', label: 'Security' },
  { href: '/settings/api-tokens', label: 'API tokens', permission: 'manage_api_tokens' },
  { href: '/settings/audit', label: 'Audit log', permission: 'view_audit_log' },
];

export function Sidebar() {
  const session = useSession();
  const { signOut } = useSessionContext();
  const path = usePath();
  const logout = useAction(() => api.post<void>('/logout'));
  // Held to two-factor, the teammate can reach their account page only.
  const held = heldForTwoFactor(session);
  const visible = settingsNav.filter((item) => (held ? item.href === '/settings/account' : !item.permission || session.permissions[item.permission]));

  async function logOut() {
    const outcome = await logout.run();
    if (!outcome.ok) return;
    signOut();
    navigate('/', { replace: true });
  }

  const navLink = (item: NavItem) => (
    <li key={item.href}>
      <Link href={item.href} className="nav-link" aria-current={path === item.href ? 'page' : undefined}>
        {item.label}
      </Link>
    </li>
  );

  return (
    <aside className="sidebar">
      <div className="sidebar-inner">
        <div className="sidebar-workspace">
          <span className="brand-mark" aria-hidden="true">
            F
          </span>
          <WorkspaceSwitcher />
        </div>
        <nav aria-label="Main" className="sidebar-nav">
          {held ? null : (
            <>
              <ViewsNav />
              <ul aria-label="People">{peopleNav.map(navLink)}</ul>
            </>
          )}
          <h2 className="nav-heading" id="nav-settings">
            Settings
          </h2>
          <ul aria-labelledby="nav-settings">{visible.map(navLink)}</ul>
        </nav>
        <div className="sidebar-footer">
          <ErrorAlert message={logout.error} />
          <div className="sidebar-user">
            <span className="avatar" aria-hidden="true">
              {session.teammate.name.slice(0, 1).toUpperCase()}
            </span>
            <span className="sidebar-user-text">
              <span className="sidebar-user-name">{session.teammate.name}</span>
              <span className="sidebar-user-email">{session.teammate.email}</span>
            </span>
          </div>
          {held ? null : <PresenceControls />}
          <button type="button" className="button button-secondary button-block" onClick={logOut} disabled={logout.pending}>
            {logout.pending ? 'Logging out…' : 'Log out'}
          </button>
        </div>
      </div>
    </aside>
  );
}
