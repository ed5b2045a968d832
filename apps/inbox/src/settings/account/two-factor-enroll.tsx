import type { TwoFactorEnabled, TwoFactorSetup } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { CopyButton } from '../../ui/copy-button.tsx';
import { Field } from '../../ui/field.tsx';

interface Props {
  setup: TwoFactorSetup;
  onEnabled: (recoveryCodes: string[]) => void;
  onCancel: () => void;
}

export function TwoFactorEnroll({ setup, onEnabled, onCancel }: Props) {
  const [code, setCode] = useState('');
  const enable = useAction(() =>
    api.post<TwoFactorEnabled>('/account/two-factor/enable', { code: code.replace(/\s/g, '') }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await enable.run();
    if (outcome.ok) onEnabled(outcome.value.recovery_codes);
  }

  return (
    <div className="enroll">
      <ol className="steps">
        <li>
          <p>Scan this QR code with your authenticator app.</p>
          <img className="qr-code" src={setup.qr_code} alt="QR code for two-factor authentication" width={180} height={180} />
        </li>
        <li>
          <p>Can't scan it? Enter this key in the app instead:</p>
          <div className="secret-row">
            <code className="secret" data-testid="totp-secret">
              {setup.secret}
            </code>
            <CopyButton value={setup.secret} label="Copy key" />
          </div>
          <p className="small muted">
            Setup link: <code className="break-all">{setup.otpauth_uri}</code>
          </p>
        </li>
        <li>
          <form className="stack form-narrow" onSubmit={submit}>
            <p>Enter the 6-digit code the app shows to finish.</p>
            <ErrorAlert message={enable.error} />
            <Field
              label="Authentication code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={8}
              required
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
            <div className="button-row">
              <button type="submit" className="button button-primary" disabled={enable.pending}>
                {enable.pending ? 'Enabling…' : 'Enable two-factor'}
              </button>
              <button type="button" className="button button-secondary" onClick={onCancel}>
                Cancel
              </button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}
