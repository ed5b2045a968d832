import type { SecuritySettings } from '@frontdesk/api-types';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApiGet } from '../../api/use-api-get.ts';
import { Link } from '../../router/router.tsx';
import { useSession } from '../../session/session-context.tsx';
import { ErrorAlert, Loading, SuccessNotice } from '../../ui/alerts.tsx';
import { Panel, SettingsPage } from '../settings-page.tsx';
import '../../contacts/people.css';

/** Settings → Security: holding every teammate to two-factor authentication. */
export function SecurityPage() {
  const session = useSession();
  const id = useId();
  const settings = useApiGet<SecuritySettings>('/workspace/security');
  const [required, setRequired] = useState(false);
  const [notice, setNotice] = useState<string>();
  const save = useAction(() => api.put<SecuritySettings>('/workspace/security', { require_two_factor: required }));
  const canManage = session.permissions.manage_settings;
  const current = settings.data;

  useEffect(() => {
    if (current) setRequired(current.require_two_factor);
  }, [current]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await save.run();
    if (!outcome.ok) return;
    settings.setData(() => outcome.value);
    setNotice(outcome.value.require_two_factor ? 'Two-factor authentication is now required in this workspace.' : 'Two-factor authentication is no longer required.');
  }

  return (
    <SettingsPage title="Security" description={`How teammates sign in to ${session.workspace.name}.`}>
      <Panel title="Two-factor authentication" id="require-two-factor-title">
        {settings.error ? (
          <ErrorAlert message={settings.error} />
        ) : !current ? (
          <Loading label="Loading security settings…" />
        ) : (
          <form className="stack" onSubmit={submit}>
            {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
            <label className="people-checkbox-label people-checkbox-label-strong" htmlFor={id}>
              <input id={id} type="checkbox" checked={required} disabled={!canManage} onChange={(event) => setRequired(event.target.checked)} aria-describedby={`${id}-hint`} />
              Require two-factor authentication for everyone in this workspace
            </label>
            <p className="field-hint" id={`${id}-hint`}>
              Teammates without it can only reach their account page to set it up, until they do. API tokens keep working: they are not tied to a
              sign-in.
            </p>
            {!session.teammate.two_factor_enabled ? (
              <div className="alert alert-warning" role="note">
                Turn on two-factor authentication for <Link href="/settings/account">your own account</Link> before requiring it for everyone.
              </div>
            ) : null}
            <ErrorAlert message={save.error} />
            {canManage ? (
              <div>
                <button type="submit" className="button button-primary" disabled={save.pending || required === current.require_two_factor}>
                  {save.pending ? 'Saving…' : 'Save security settings'}
                </button>
              </div>
            ) : (
              <p className="muted small">Changing this needs the “manage settings” permission.</p>
            )}
            <section aria-labelledby={`${id}-missing`} className="stack">
              <h3 id={`${id}-missing`} className="people-settings-row-title">
                Teammates without two-factor ({current.teammates_without_two_factor.length})
              </h3>
              {current.teammates_without_two_factor.length === 0 ? (
                <p className="muted">Everyone has turned it on.</p>
              ) : (
                <ul className="people-plain-list">
                  {current.teammates_without_two_factor.map((teammate) => (
                    <li key={teammate.id}>
                      {teammate.name} <span className="muted small">{teammate.email}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </form>
        )}
      </Panel>
    </SettingsPage>
  );
}
