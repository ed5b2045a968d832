import type { Webhook } from '@frontdesk/api-types';

export function WebhookStatus({ webhook }: { webhook: Webhook }) {
  if (webhook.active) return <span className="badge badge-success">Active</span>;
  return (
    <span className="badge people-badge-warning" title={webhook.disabled_reason ?? undefined}>
      {webhook.disabled_reason ? 'Disabled by the server' : 'Paused'}
    </span>
  );
}
