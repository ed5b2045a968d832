import type { WebhookDelivery } from '@frontdesk/api-types';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { formatTime } from '../../ui/format.ts';

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** One attempt of the log; "Details" shows what was sent and answered, "Redeliver" sends it again. */
export function DeliveryRow({ webhookId, delivery, onRedelivered }: { webhookId: string; delivery: WebhookDelivery; onRedelivered: () => void }) {
  const [open, setOpen] = useState(false);
  const redeliver = useAction(() =>
    api.post<{ attempt: number }>(`/webhooks/${encodeURIComponent(webhookId)}/deliveries/${encodeURIComponent(delivery.id)}/redeliver`),
  );
  const detailsId = `delivery-${delivery.id}-details`;
  const outcome = delivery.response_status !== null ? `HTTP ${delivery.response_status}` : (delivery.error ?? 'No answer');

  return (
    <>
      <tr>
        <td className="nowrap">{formatTime(delivery.created_at)}</td>
        <td>
          <code>{delivery.topic}</code>
        </td>
        <td>{delivery.attempt}</td>
        <td className="people-delivery-result">
          <span className={delivery.succeeded ? 'badge badge-success' : 'badge people-badge-danger'}>{delivery.succeeded ? 'Delivered' : 'Failed'}</span>{' '}
          <span className="muted small">{outcome}</span>
        </td>
        <td className="nowrap">{delivery.latency_ms === null ? '—' : `${delivery.latency_ms} ms`}</td>
        <td className="cell-actions">
          <span className="button-row people-button-row-end">
            <button
              type="button"
              className="button button-small button-secondary"
              aria-expanded={open}
              aria-controls={detailsId}
              aria-label={`Details of ${delivery.topic} attempt ${delivery.attempt}`}
              onClick={() => setOpen(!open)}
            >
              {open ? 'Hide' : 'Details'}
            </button>
            <button
              type="button"
              className="button button-small button-secondary"
              aria-label={`Redeliver ${delivery.topic} notification`}
              disabled={redeliver.pending}
              onClick={async () => {
                if ((await redeliver.run()).ok) onRedelivered();
              }}
            >
              {redeliver.pending ? 'Sending…' : 'Redeliver'}
            </button>
          </span>
        </td>
      </tr>
      {redeliver.error ? (
        <tr>
          <td colSpan={6}>
            <ErrorAlert message={redeliver.error} />
          </td>
        </tr>
      ) : null}
      {open ? (
        <tr id={detailsId} className="people-delivery-details">
          <td colSpan={6}>
            <div className="people-delivery-bodies">
              <div>
                <h4>Request body</h4>
                <pre className="people-code-block">{pretty(delivery.request_body)}</pre>
              </div>
              <div>
                <h4>Response</h4>
                <p className="small">
                  {outcome}
                  {delivery.error && delivery.response_status !== null ? ` · ${delivery.error}` : ''}
                </p>
                <pre className="people-code-block">{delivery.response_body ? pretty(delivery.response_body) : '(empty)'}</pre>
                <p className="muted small">Notification {delivery.notification_id}</p>
              </div>
            </div>
          </td>
        </tr>
      ) : null}
    </>
  );
}
