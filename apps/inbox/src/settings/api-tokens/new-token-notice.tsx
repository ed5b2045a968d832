import type { ApiToken } from '@frontdesk/api-types';
import { CopyButton } from '../../ui/copy-button.tsx';

/** The token value exists only in this answer: the server stores a hash. */
export function NewTokenNotice({ token, onDismiss }: { token: ApiToken; onDismiss: () => void }) {
  const value = token.token ?? '';
  return (
    <div className="callout callout-warning" role="status">
      <p>
        <strong>Copy the token “{token.name}” now.</strong> It won't be shown again; if you lose it, revoke it and create
        another.
      </p>
      <div className="secret-row">
        <code className="secret break-all" data-testid="new-api-token">
          {value}
        </code>
        <CopyButton value={value} label="Copy token" />
      </div>
      <div>
        <button type="button" className="button button-secondary button-small" onClick={onDismiss}>
          I've saved it
        </button>
      </div>
    </div>
  );
}
