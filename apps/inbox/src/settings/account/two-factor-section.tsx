import type { TwoFactorSetup } from '@frontdesk/api-types';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useSession, useSessionContext } from '../../session/session-context.tsx';
import { ErrorAlert, SuccessNotice } from '../../ui/alerts.tsx';
import { Panel } from '../settings-page.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';
import { TwoFactorDisable } from './two-factor-disable.tsx';
import { TwoFactorEnroll } from './two-factor-enroll.tsx';

type Step =
  | { kind: 'status'; notice?: string }
  | { kind: 'enroll'; setup: TwoFactorSetup }
  | { kind: 'recovery-codes'; codes: string[] }
  | { kind: 'disable' };

export function TwoFactorSection() {
  const session = useSession();
  const { signIn } = useSessionContext();
  const enabled = session.teammate.two_factor_enabled;
  const [step, setStep] = useState<Step>({ kind: 'status' });
  const setup = useAction(() => api.post<TwoFactorSetup>('/account/two-factor/setup'));

  function markEnabled(two_factor_enabled: boolean) {
    signIn({ ...session, teammate: { ...session.teammate, two_factor_enabled } });
  }

  async function startSetup() {
    const outcome = await setup.run();
    if (outcome.ok) setStep({ kind: 'enroll', setup: outcome.value });
  }

  const status = (
    <span className={enabled ? 'badge badge-success' : 'badge'}>{enabled ? 'On' : 'Off'}</span>
  );

  return (
    <Panel title="Two-factor authentication" id="two-factor-title" actions={status}>
      {step.kind === 'enroll' ? (
        <TwoFactorEnroll
          setup={step.setup}
          onCancel={() => setStep({ kind: 'status' })}
          onEnabled={(codes) => {
            markEnabled(true);
            setStep({ kind: 'recovery-codes', codes });
          }}
        />
      ) : step.kind === 'recovery-codes' ? (
        <RecoveryCodes codes={step.codes} onDone={() => setStep({ kind: 'status', notice: 'Two-factor authentication is on.' })} />
      ) : step.kind === 'disable' ? (
        <TwoFactorDisable
          onCancel={() => setStep({ kind: 'status' })}
          onDisabled={() => {
            markEnabled(false);
            setStep({ kind: 'status', notice: 'Two-factor authentication is off.' });
          }}
        />
      ) : (
        <div className="stack">
          {step.notice ? <SuccessNotice>{step.notice}</SuccessNotice> : null}
          <ErrorAlert message={setup.error} />
          <p className="muted">
            {enabled
              ? 'Logging in asks for a code from your authenticator app after your password.'
              : 'Protect your account with a code from an authenticator app (1Password, Google Authenticator, Authy…) in addition to your password.'}
          </p>
          <div>
            {enabled ? (
              <button type="button" className="button button-danger-outline" onClick={() => setStep({ kind: 'disable' })}>
                Turn off two-factor
              </button>
            ) : (
              <button type="button" className="button button-primary" onClick={startSetup} disabled={setup.pending}>
                {setup.pending ? 'Preparing…' : 'Set up two-factor authentication'}
              </button>
            )}
          </div>
        </div>
      )}
    </Panel>
  );
}
