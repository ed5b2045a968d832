import type { Webhook, WebhookUpdate } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api, request } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { ConfirmButton } from '../../contacts/confirm-button.tsx';
import { Link, navigate } from '../../router/router.tsx';
import { EmptyState, ErrorAlert, Loading, SuccessNotice } from '../../ui/alerts.tsx';
import { Field } from '../../ui/field.tsx';
import { Panel, SettingsPage } from '../settings-page.tsx';
import { DeliveryLog } from './delivery-log.tsx';
import { TopicPicker } from './topic-picker.tsx';
import { WebhookStatus } from './webhook-status.tsx';
import '../../contacts/people.css';

/** `/settings/webhooks/:id`: one endpoint's subscription, test ping and delivery log. */
export function WebhookPage({ webhookId }: { webhookId: string }) {
  const path = `/webhooks/${encodeURIComponent(webhookId)}`;
  const webhook = useApiGet<Webhook>(path);
  const topics = useApiGet<{ topics: string[] }>('/webhooks/topics');
  const [draft, setDraft] = useState<{ url: string; topics: string[] }>();
  const [notice, setNotice] = useState<string>();
  const [logKey, setLogKey] = useState(0);
  const update = useAction((change: WebhookUpdate) => request<Webhook>('PATCH', path, change));
  const ping = useAction(() => api.post<{ notification_id: string }>(`${path}/ping`));
  const remove = useAction(() => api.delete(path));
  const data = webhook.data;

  async function change(patch: WebhookUpdate, message: string) {
    const outcome = await update.run(patch);
    if (!outcome.ok) return false;
    webhook.setData(() => outcome.value);
    setNotice(message);
    return true;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (draft && (await change(draft, 'Subscription saved.'))) setDraft(undefined);
  }

  const back = (
    <Link href="/settings/webhooks" className="people-back-link">
      ← Webhooks
    </Link>
  );
  if (webhook.error) {
    return (
      <SettingsPage title="Webhook" description="">
        {back}
        <EmptyState title="This webhook could not be loaded">{webhook.error}</EmptyState>
      </SettingsPage>
    );
  }
  if (!data) {
    return (
      <SettingsPage title="Webhook" description="">
        {back}
        <Loading label="Loading the webhook…" />
      </SettingsPage>
    );
  }

  return (
    <SettingsPage title="Webhook" description={data.url}>
      {back}
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      <ErrorAlert message={update.error ?? ping.error ?? remove.error} />
      <Panel title="Subscription" id="webhook-subscription-title" actions={<WebhookStatus webhook={data} />}>
        {data.disabled_reason ? (
          <div className="alert alert-warning" role="status">
            Frontdesk stopped sending: {data.disabled_reason}. Fix the endpoint, then resume.
          </div>
        ) : null}
        {draft ? (
          <form className="stack" onSubmit={submit}>
            <Field label="Endpoint URL" type="url" required value={draft.url} onChange={(event) => setDraft({ ...draft, url: event.target.value })} />
            <TopicPicker topics={topics.data?.topics ?? data.topics} selected={draft.topics} onChange={(selected) => setDraft({ ...draft, topics: selected })} />
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={update.pending || draft.topics.length === 0}>
                {update.pending ? 'Saving…' : 'Save subscription'}
              </button>
              <button type="button" className="button button-secondary" onClick={() => setDraft(undefined)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <>
            <ul className="people-chips" aria-label="Subscribed topics">
              {data.topics.map((topic) => (
                <li key={topic} className="people-chip">
                  {topic}
                </li>
              ))}
            </ul>
            <div className="button-row">
              <button type="button" className="button button-secondary" onClick={() => setDraft({ url: data.url, topics: data.topics })}>
                Edit subscription
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={ping.pending}
                onClick={async () => {
                  if ((await ping.run()).ok) {
                    setNotice('Ping sent: it appears in the delivery log once your endpoint answers.');
                    window.setTimeout(() => setLogKey((n) => n + 1), 1500);
                  }
                }}
              >
                {ping.pending ? 'Sending…' : 'Send a test ping'}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={update.pending}
                onClick={() => change({ active: !data.active }, data.active ? 'Deliveries paused.' : 'Deliveries resumed.')}
              >
                {data.active ? 'Pause deliveries' : 'Resume deliveries'}
              </button>
              <ConfirmButton
                label="Delete webhook"
                confirmLabel="Delete it and its log"
                accessibleName={`Delete the webhook to ${data.url}`}
                pending={remove.pending}
                onConfirm={async () => {
                  const outcome = await remove.run();
                  if (outcome.ok) navigate('/settings/webhooks');
                  return outcome.ok;
                }}
              />
            </div>
          </>
        )}
      </Panel>
      <Panel title="Delivery log" id="webhook-log-title">
        <DeliveryLog webhookId={data.id} refreshKey={logKey} />
      </Panel>
    </SettingsPage>
  );
}
