import { SettingsPage } from '../settings-page.tsx';
import { PasswordForm } from './password-form.tsx';
import { TwoFactorSection } from './two-factor-section.tsx';

export function AccountPage() {
  return (
    <SettingsPage title="Account" description="Your password and two-factor authentication.">
      <PasswordForm />
      <TwoFactorSection />
    </SettingsPage>
  );
}
