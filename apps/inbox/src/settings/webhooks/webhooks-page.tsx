import type { Webhook, WebhookList } from '@frontdesk/api-types';
import { useState } from 'react';
import { useApiGet } from '../../api/use-api-get.ts';
import { Link } from '../../router/router.tsx';
import { EmptyState, ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { formatTime } from '../../ui/format.ts';
import { Panel, SettingsPage } from '../settings-page.tsx';
import { CreateWebhookForm } from './create-webhook-form.tsx';
import { NewSecretNotice } from './new-secret-notice.tsx';
import { WebhookStatus } from './webhook-status.tsx';
import '../../contacts/people.css';

/** Settings → Webhooks: subscriptions of your endpoints to Frontdesk's topics. */
export function WebhooksPage() {
  const list = useApiGet<WebhookList>('/webhooks');
  const topics = useApiGet<{ topics: string[] }>('/webhooks/topics');
  const [created, setCreated] = useState<Webhook>();

  return (
    <SettingsPage title="Webhooks" description="Frontdesk posts a signed JSON notification (Intercom's format) to your endpoints when something happens, and retries failed deliveries.">
      <Panel title="Add an endpoint" id="create-webhook-title">
        {created?.secret ? <NewSecretNotice webhook={created} onDismiss={() => setCreated(undefined)} /> : null}
        {topics.error ? <ErrorAlert message={topics.error} /> : null}
        {topics.data ? (
          <CreateWebhookForm
            topics={topics.data.topics}
            onCreated={(webhook) => {
              setCreated(webhook);
              const { secret: _secret, ...listed } = webhook;
              list.setData((current) => ({ webhooks: [listed, ...current.webhooks] }));
            }}
          />
        ) : topics.loading ? (
          <Loading label="Loading topics…" />
        ) : null}
      </Panel>
      <Panel title="Endpoints" id="webhooks-title">
        {list.error ? (
          <div className="stack">
            <ErrorAlert message={list.error} />
            <div>
              <button type="button" className="button button-secondary" onClick={list.reload}>
                Try again
              </button>
            </div>
          </div>
        ) : !list.data ? (
          <Loading label="Loading webhooks…" />
        ) : list.data.webhooks.length === 0 ? (
          <EmptyState title="No webhooks yet">Add an endpoint above to be notified of new conversations, replies, contacts and more.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Webhook endpoints</caption>
              <thead>
                <tr>
                  <th scope="col">Endpoint</th>
                  <th scope="col">Topics</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="people-hide-narrow">
                    Created
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.webhooks.map((webhook) => (
                  <tr key={webhook.id}>
                    <td className="break-all">
                      <Link href={`/settings/webhooks/${encodeURIComponent(webhook.id)}`} aria-label={`Deliveries and settings of ${webhook.url}`}>
                        {webhook.url}
                      </Link>
                    </td>
                    <td>{webhook.topics.length}</td>
                    <td>
                      <WebhookStatus webhook={webhook} />
                    </td>
                    <td className="nowrap people-hide-narrow">{formatTime(webhook.created_at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Panel>
    </SettingsPage>
  );
}
