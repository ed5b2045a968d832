import type { MessengerSettings } from '@frontdesk/api-types';
import { Panel } from '../settings-page.tsx';
import { FormGroup, Toggle } from './form-controls.tsx';
import { IdentityCodeSamples } from './identity-code-samples.tsx';
import { IdentitySecret } from './identity-secret.tsx';

interface Props {
  settings: MessengerSettings;
  enforced: boolean;
  onEnforcedChange: (enforced: boolean) => void;
  canManage: boolean;
  onSecretGenerated: () => void;
}

export function IdentitySection({ settings, enforced, onEnforcedChange, canManage, onSecretGenerated }: Props) {
  const hasSecret = settings.identity_verification.has_secret;
  return (
    <Panel title="Identity verification" id="messenger-identity-title">
      <p>
        Proves that a visitor who says they are one of your users really is: your server signs the user's id with a secret,
        and Frontdesk refuses anyone whose signature is missing or wrong, so nobody can read another user's conversations by
        typing their email into the console.
      </p>
      <FormGroup title="Secret">
        <IdentitySecret hasSecret={hasSecret} canManage={canManage} onGenerated={onSecretGenerated} />
      </FormGroup>
      <fieldset className="plain-fieldset stack" disabled={!canManage}>
        <Toggle
          field="identity_verification.enforced"
          label="Enforce identity verification"
          hint="When on, every request for an identified user without a valid user_hash or token is refused by the server."
          checked={enforced}
          onChange={onEnforcedChange}
        />
        {enforced && !hasSecret ? (
          <p className="alert alert-warning">Generate a secret first: with no secret, every identified user would be refused.</p>
        ) : null}
      </fieldset>
      <FormGroup title="Sign your users">
        <IdentityCodeSamples appId={settings.app_id} />
      </FormGroup>
    </Panel>
  );
}
