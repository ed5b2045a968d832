import type { Session } from '@frontdesk/api-types';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { navigate } from '../router/router.tsx';
import { useSession, useSessionContext } from '../session/session-context.tsx';
import { ErrorAlert } from '../ui/alerts.tsx';

/** The workspace name, or a picker when the teammate belongs to several workspaces. */
export function WorkspaceSwitcher() {
  const session = useSession();
  const { signIn } = useSessionContext();
  const switchTo = useAction((id_code: string) => api.post<Session>('/workspaces/switch', { id_code }));

  if (session.workspaces.length <= 1) {
    return <span className="sidebar-workspace-name">{session.workspace.name}</span>;
  }

  async function change(id_code: string) {
    const outcome = await switchTo.run(id_code);
    if (!outcome.ok) return;
    signIn(outcome.value);
    navigate('/');
  }

  return (
    <div className="workspace-switcher">
      <label htmlFor="workspace-switcher" className="visually-hidden">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        value={session.workspace.id_code}
        disabled={switchTo.pending}
        onChange={(event) => change(event.target.value)}
      >
        {session.workspaces.map((workspace) => (
          <option key={workspace.id_code} value={workspace.id_code}>
            {workspace.name}
          </option>
        ))}
      </select>
      <ErrorAlert message={switchTo.error} />
    </div>
  );
}
