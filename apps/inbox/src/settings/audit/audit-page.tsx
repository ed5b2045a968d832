import type { AuditEvent, AuditEventList } from '@frontdesk/api-types';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { EmptyState, ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { Panel, SettingsPage } from '../settings-page.tsx';
import { AuditTable } from './audit-table.tsx';

export function AuditPage() {
  const first = useApiGet<AuditEventList>('/audit-events');
  const [older, setOlder] = useState<{ events: AuditEvent[]; next_before: string | null }>();
  const more = useAction((before: string) =>
    api.get<AuditEventList>(`/audit-events?before=${encodeURIComponent(before)}`),
  );

  const events = [...(first.data?.events ?? []), ...(older?.events ?? [])];
  const nextBefore = older ? older.next_before : first.data?.next_before;

  async function loadMore() {
    if (!nextBefore) return;
    const outcome = await more.run(nextBefore);
    if (!outcome.ok) return;
    setOlder((current) => ({
      events: [...(current?.events ?? []), ...outcome.value.events],
      next_before: outcome.value.next_before,
    }));
  }

  return (
    <SettingsPage title="Audit log" description="Sensitive actions in this workspace, newest first. Entries can't be edited or deleted.">
      <Panel title="Events" id="audit-title">
        {first.loading ? <Loading label="Loading audit events…" /> : null}
        <ErrorAlert message={first.error} />
        {first.data && events.length === 0 ? <EmptyState title="No events yet" /> : null}
        {events.length > 0 ? <AuditTable events={events} /> : null}
        <ErrorAlert message={more.error} />
        {nextBefore ? (
          <div className="panel-footer">
            <button type="button" className="button button-secondary" onClick={loadMore} disabled={more.pending}>
              {more.pending ? 'Loading…' : 'Load more'}
            </button>
          </div>
        ) : null}
      </Panel>
    </SettingsPage>
  );
}
