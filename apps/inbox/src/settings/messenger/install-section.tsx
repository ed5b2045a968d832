import type { MessengerSettings } from '@frontdesk/api-types';
import { EmptyState } from '../../ui/alerts.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';
import { Panel } from '../settings-page.tsx';

export function InstallSection({ settings }: { settings: MessengerSettings }) {
  return (
    <Panel title="Install" id="messenger-install-title">
      <p>
        Paste this snippet just before <code>&lt;/body&gt;</code> on every page where the Messenger should appear. Moving
        from Intercom? Keep your snippet and change only its host (or set <code>api_base</code>): the same{' '}
        <code>window.intercomSettings</code> and <code>Intercom(…)</code> calls keep working.
      </p>
      {settings.snippet ? (
        <div className="code-sample">
          <pre className="code-block" data-testid="messenger-snippet">
            <code>{settings.snippet}</code>
          </pre>
          <div>
            <CopyButton value={settings.snippet} label="Copy snippet" />
          </div>
        </div>
      ) : (
        <EmptyState title="No snippet yet">The server did not provide a snippet for this workspace.</EmptyState>
      )}
      <div className="secret-row">
        <span className="label-text">App ID</span>
        <code className="secret" data-testid="messenger-app-id">
          {settings.app_id}
        </code>
        <CopyButton value={settings.app_id} label="Copy app ID" />
      </div>
    </Panel>
  );
}
