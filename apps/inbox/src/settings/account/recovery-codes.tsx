import { CopyButton } from '../../ui/copy-button.tsx';

/** Shown once, right after two-factor is enabled: the server keeps only hashes of these. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <div className="stack">
      <div className="alert alert-warning" role="status">
        <strong>Save your recovery codes now.</strong> Each one logs you in once if you lose your authenticator app.
        They will not be shown again.
      </div>
      <ul className="recovery-codes" data-testid="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="button-row">
        <CopyButton value={codes.join('\n')} label="Copy codes" />
        <button type="button" className="button button-primary" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
