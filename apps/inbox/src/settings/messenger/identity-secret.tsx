import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';

/** Makes a new identity verification secret; the server keeps it sealed and answers it only this once. */
export function IdentitySecret({ hasSecret, canManage, onGenerated }: { hasSecret: boolean; canManage: boolean; onGenerated: () => void }) {
  const [generated, setGenerated] = useState<{ secret: string; replaced: boolean }>();
  const [confirming, setConfirming] = useState(false);
  const generate = useAction(() => api.post<{ secret: string }>('/messenger/identity-secret'));

  async function run() {
    const outcome = await generate.run();
    if (!outcome.ok) return;
    setConfirming(false);
    setGenerated({ secret: outcome.value.secret, replaced: hasSecret });
    onGenerated();
  }

  if (generated) {
    const { secret, replaced } = generated;
    return (
      <div className="callout callout-warning" role="status">
        <p>
          <strong>Copy the new secret now.</strong> It won't be shown again. Put it in your server's configuration
          {replaced
            ? ': the previous secret no longer works, so user hashes and tokens signed with it are refused from now on.'
            : '. Generating another secret later makes this one stop working.'}
        </p>
        <div className="secret-row">
          <code className="secret break-all" data-testid="identity-secret">
            {secret}
          </code>
          <CopyButton value={secret} label="Copy secret" />
        </div>
        <div>
          <button type="button" className="button button-secondary button-small" onClick={() => setGenerated(undefined)}>
            I've saved it
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="stack">
      <p>
        {hasSecret
          ? 'A secret is set. It was shown once when it was generated and cannot be displayed again.'
          : 'No secret yet. Generate one, then use it on your server to sign each user’s identity.'}
      </p>
      {canManage && confirming ? (
        <div className="callout callout-warning">
          <p>
            <strong>Generate a new secret?</strong> The current secret stops working at once: until your server uses the new
            one, identified users are refused when verification is enforced.
          </p>
          <div className="button-row">
            <button type="button" className="button button-danger" disabled={generate.pending} onClick={run}>
              {generate.pending ? 'Generating…' : 'Replace the secret'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      {canManage && !confirming ? (
        <div>
          <button
            type="button"
            className="button button-secondary"
            disabled={generate.pending}
            onClick={() => (hasSecret ? setConfirming(true) : run())}
          >
            {generate.pending ? 'Generating…' : hasSecret ? 'Generate a new secret' : 'Generate secret'}
          </button>
        </div>
      ) : null}
      <ErrorAlert message={generate.error} />
    </div>
  );
}
