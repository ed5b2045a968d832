import type { WebhookDelivery, WebhookDeliveryPage } from '@frontdesk/api-types';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, SuccessNotice } from '../../ui/alerts.tsx';
import { DeliveryRow } from './delivery-row.tsx';

/** The delivery log, newest first: refreshed on demand, older pages appended. */
export function DeliveryLog({ webhookId, refreshKey }: { webhookId: string; refreshKey: number }) {
  const [deliveries, setDeliveries] = useState<WebhookDelivery[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const [notice, setNotice] = useState<string>();
  const base = `/webhooks/${encodeURIComponent(webhookId)}/deliveries?per_page=20`;

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey and generation are reload triggers.
  useEffect(() => {
    let current = true;
    setLoading(true);
    api.get<WebhookDeliveryPage>(base).then(
      (page) => {
        if (!current) return;
        setDeliveries(page.deliveries);
        setNext(page.next_starting_after);
        setError(undefined);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(messageOf(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [base, refreshKey, generation]);

  async function loadOlder() {
    if (!next) return;
    setLoading(true);
    try {
      const page = await api.get<WebhookDeliveryPage>(`${base}&starting_after=${encodeURIComponent(next)}`);
      setDeliveries((current) => [...(current ?? []), ...page.deliveries]);
      setNext(page.next_starting_after);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setLoading(false);
    }
  }

  const refresh = () => setGeneration((n) => n + 1);

  return (
    <div className="stack">
      <div className="button-row">
        <button type="button" className="button button-small button-secondary" onClick={refresh} disabled={loading}>
          Refresh log
        </button>
        {loading && deliveries ? (
          <span className="muted small" role="status">
            Loading…
          </span>
        ) : null}
      </div>
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      <ErrorAlert message={error} />
      {!deliveries ? (
        loading ? <Loading label="Loading deliveries…" /> : null
      ) : deliveries.length === 0 ? (
        <EmptyState title="Nothing delivered yet">Send a ping to test the endpoint; notifications appear here as events happen.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table people-delivery-table">
            <caption className="visually-hidden">Delivery attempts, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Topic</th>
                <th scope="col">Attempt</th>
                <th scope="col">Result</th>
                <th scope="col">Latency</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <DeliveryRow
                  key={delivery.id}
                  webhookId={webhookId}
                  delivery={delivery}
                  onRedelivered={() => {
                    setNotice(`Redelivery of ${delivery.topic} queued: refresh the log in a moment to see the new attempt.`);
                    window.setTimeout(refresh, 1500);
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next ? (
        <div>
          <button type="button" className="button button-secondary" onClick={loadOlder} disabled={loading}>
            Load older deliveries
          </button>
        </div>
      ) : null}
    </div>
  );
}
