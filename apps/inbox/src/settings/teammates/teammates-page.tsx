import type { Invite, TeammateList } from '@frontdesk/api-types';
import { useApiGet } from '../../api/use-api-get.ts';
import { ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { Panel, SettingsPage } from '../settings-page.tsx';
import { InviteForm } from './invite-form.tsx';
import { PendingInvites } from './pending-invites.tsx';
import { TeammateTable } from './teammate-table.tsx';

export function TeammatesPage() {
  const list = useApiGet<TeammateList>('/teammates');

  const addInvite = (invite: Invite) =>
    list.setData((current) => ({
      ...current,
      invites: [invite, ...current.invites.filter((existing) => existing.id !== invite.id)],
    }));

  return (
    <SettingsPage title="Teammates" description="Who can work in this workspace, and what each of them may do.">
      <Panel title="Invite a teammate" id="invite-title">
        <InviteForm onInvited={addInvite} />
      </Panel>
      {list.loading && !list.data ? <Loading label="Loading teammates…" /> : null}
      {list.error ? (
        <div className="stack">
          <ErrorAlert message={list.error} />
          <div>
            <button type="button" className="button button-secondary" onClick={list.reload}>
              Try again
            </button>
          </div>
        </div>
      ) : null}
      {list.data ? (
        <>
          <Panel title="Teammates" id="teammates-title">
            <TeammateTable teammates={list.data.teammates} onChanged={list.reload} />
          </Panel>
          <Panel title="Pending invites" id="invites-title">
            <PendingInvites
              invites={list.data.invites}
              onRevoked={(id) =>
                list.setData((current) => ({ ...current, invites: current.invites.filter((invite) => invite.id !== id) }))
              }
            />
          </Panel>
        </>
      ) : null}
    </SettingsPage>
  );
}
