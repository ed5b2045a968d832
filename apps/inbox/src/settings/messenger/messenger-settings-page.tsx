import type { MessengerSettings } from '@frontdesk/api-types';
import { useApiGet } from '../../api/use-api-get.ts';
import { useSession } from '../../session/session-context.tsx';
import { ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { SettingsPage } from '../settings-page.tsx';
import './messenger-settings.css';
import { MessengerSettingsForm } from './messenger-settings-form.tsx';

export function MessengerSettingsPage() {
  const session = useSession();
  const settings = useApiGet<MessengerSettings>('/messenger/settings');

  return (
    <SettingsPage
      title="Messenger"
      description="The chat widget on your website: install it, make it look like your product, and decide what visitors may send."
    >
      {settings.loading && !settings.data ? <Loading label="Loading Messenger settings…" /> : null}
      {settings.error && !settings.data ? (
        <div className="stack">
          <ErrorAlert message={`Messenger settings could not be loaded: ${settings.error}`} />
          <div>
            <button type="button" className="button button-secondary" onClick={settings.reload}>
              Try again
            </button>
          </div>
        </div>
      ) : null}
      {settings.data ? (
        <MessengerSettingsForm
          settings={settings.data}
          canManage={session.permissions.manage_settings}
          onSaved={(fresh) => settings.setData(() => fresh)}
          onSecretGenerated={() =>
            settings.setData((current) => ({ ...current, identity_verification: { ...current.identity_verification, has_secret: true } }))
          }
        />
      ) : null}
    </SettingsPage>
  );
}
