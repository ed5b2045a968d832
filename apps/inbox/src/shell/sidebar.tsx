import type { Permission } from '@frontdesk/api-types';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { Link, navigate, usePath } from '../router/router.tsx';
import { useSession, useSessionContext } from '../session/session-context.tsx';
import { ErrorAlert } from '../ui/alerts.tsx';
import { WorkspaceSwitcher } from './workspace-switcher.tsx';

interface NavItem {
  href: string;
  label: string;
  permission?: Permission;
}

export const settingsNav: NavItem[] = [
  { href: '/settings/account', label: 'Account' },
  { href: '/settings/teammates', label: 'Teammates', permission: 'manage_teammates' },
  { href: '/settings/messenger', label: 'Messenger' },
  { href: '/settings/api-tokens', label: 'API tokens', permission: 'manage_api_tokens' },
  { href: '/settings/audit', label: 'Audit log', permission: 'view_audit_log' },
];

export function Sidebar() {
  const session = useSession();
  const { signOut } = useSessionContext();
  const path = usePath();
  const logout = useAction(() => api.post<void>('/logout'));
  const visible = settingsNav.filter((item) => !item.permission || session.permissions[item.permission]);

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
          <ul>{navLink({ href: '/', label: 'Inbox' })}</ul>
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
          <button type="button" className="button button-secondary button-block" onClick={logOut} disabled={logout.pending}>
            {logout.pending ? 'Logging out…' : 'Log out'}
          </button>
        </div>
      </div>
    </aside>
  );
}
