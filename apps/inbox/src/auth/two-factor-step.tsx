import type { Session } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { navigate } from '../router/router.tsx';
import { useSessionContext } from '../session/session-context.tsx';
import { ErrorAlert } from '../ui/alerts.tsx';
import { Field } from '../ui/field.tsx';
import { AuthLayout } from './auth-layout.tsx';

/** Second login step, after the password was accepted for an account with two-factor on. */
export function TwoFactorStep({ onCancel }: { onCancel: () => void }) {
  const { signIn } = useSessionContext();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const verify = useAction(() =>
    api.post<Session>('/login/two-factor', useRecovery ? { recovery_code: code.trim() } : { code: code.replace(/\s/g, '') }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await verify.run();
    if (!outcome.ok) return;
    signIn(outcome.value);
    navigate('/');
  }

  function toggle() {
    setUseRecovery((current) => !current);
    setCode('');
    verify.clearError();
  }

  const subtitle = useRecovery
    ? 'Enter one of the recovery codes you saved when you turned on two-factor authentication. Each code works once.'
    : 'Enter the 6-digit code from your authenticator app.';

  return (
    <AuthLayout title="Two-factor authentication" subtitle={subtitle}>
      <form className="stack" onSubmit={submit}>
        <ErrorAlert message={verify.error} />
        {useRecovery ? (
          <Field
            key="recovery"
            label="Recovery code"
            name="recovery_code"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            required
            autoFocus
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        ) : (
          <Field
            key="totp"
            label="Authentication code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={8}
            required
            autoFocus
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        )}
        <button type="submit" className="button button-primary button-block" disabled={verify.pending}>
          {verify.pending ? 'Verifying…' : 'Verify'}
        </button>
      </form>
      <div className="auth-footer split">
        <button type="button" className="link-button" onClick={toggle}>
          {useRecovery ? 'Use an authentication code' : 'Use a recovery code'}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          Back to log in
        </button>
      </div>
    </AuthLayout>
  );
}
