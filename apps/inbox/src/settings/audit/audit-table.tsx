import type { AuditEvent } from '@frontdesk/api-types';
import { formatTime } from '../../ui/format.ts';

function describeMetadata(metadata: Record<string, unknown>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Action</th>
            <th scope="col">Actor</th>
            <th scope="col">Target</th>
            <th scope="col">IP address</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td className="nowrap">{formatTime(event.created_at)}</td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>{event.actor ? `${event.actor.name} (${event.actor.email})` : 'System'}</td>
              <td>{event.target ? `${event.target.type} ${event.target.id}` : '—'}</td>
              <td>{event.ip ?? '—'}</td>
              <td className="muted small">{describeMetadata(event.metadata) || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
