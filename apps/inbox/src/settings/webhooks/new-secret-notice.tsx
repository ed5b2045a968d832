import type { Webhook } from '@frontdesk/api-types';
import { CopyButton } from '../../ui/copy-button.tsx';

/** The signing secret, in the one answer that carries it. */
export function NewSecretNotice({ webhook, onDismiss }: { webhook: Webhook; onDismiss: () => void }) {
  const secret = webhook.secret ?? '';
  return (
    <div className="callout callout-warning" role="status">
      <p>
        <strong>Copy the signing secret now.</strong> Your endpoint checks each request's <code>X-Hub-Signature</code> (HMAC-SHA1 of the body) with it.
        It won't be shown again.
      </p>
      <div className="secret-row">
        <code className="secret break-all" data-testid="webhook-secret">
          {secret}
        </code>
        <CopyButton value={secret} label="Copy secret" />
      </div>
      <div>
        <button type="button" className="button button-secondary button-small" onClick={onDismiss}>
          I've saved it
        </button>
      </div>
    </div>
  );
}
