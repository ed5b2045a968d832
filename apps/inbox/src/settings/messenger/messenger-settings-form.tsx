import type { MessengerSettings, TeammateList } from '@frontdesk/api-types';
import type { FormEvent } from 'react';
import { useApiGet } from '../../api/use-api-get.ts';
import { AppearanceSection } from './appearance-section.tsx';
import { ContentSafetySection } from './content-safety-section.tsx';
import { FieldErrorProvider } from './field-errors.tsx';
import { IdentitySection } from './identity-section.tsx';
import { InstallSection } from './install-section.tsx';
import { MessengerPreview } from './preview/messenger-preview.tsx';
import { SaveBar } from './save-bar.tsx';
import { useSettingsForm } from './use-settings-form.ts';
import { useUnsavedChangesGuard } from './use-unsaved-changes-guard.ts';

interface Props {
  settings: MessengerSettings;
  canManage: boolean;
  onSaved: (settings: MessengerSettings) => void;
  onSecretGenerated: () => void;
}

export function MessengerSettingsForm({ settings, canManage, onSaved, onSecretGenerated }: Props) {
  const form = useSettingsForm(settings, onSaved);
  const teammates = useApiGet<TeammateList>('/teammates');
  useUnsavedChangesGuard(form.dirty);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (canManage) void form.save();
  }

  return (
    <FieldErrorProvider error={form.fieldError}>
      <div className="messenger-settings">
        {/* The server is the judge of every value (noValidate): its field errors appear next to the fields. */}
        <form className="messenger-settings-form" onSubmit={submit} noValidate aria-label="Messenger settings">
          {canManage ? null : (
            <p className="callout" role="note">
              You can look at these settings but not change them: that takes the “manage settings” permission. Ask an owner or
              admin of this workspace.
            </p>
          )}
          <InstallSection settings={settings} />
          <AppearanceSection value={form.draft.customization} onChange={form.setCustomization} teammates={teammates} disabled={!canManage} />
          <ContentSafetySection value={form.draft.content_safety} onChange={form.setContentSafety} disabled={!canManage} />
          <IdentitySection
            settings={settings}
            enforced={form.draft.identity_verification.enforced}
            onEnforcedChange={form.setEnforced}
            canManage={canManage}
            onSecretGenerated={onSecretGenerated}
          />
          {canManage ? <SaveBar form={form} /> : null}
        </form>
        <aside className="messenger-preview-column" aria-labelledby="messenger-preview-title">
          <div className="messenger-preview-sticky">
            <div className="messenger-preview-heading">
              <h2 id="messenger-preview-title">Preview</h2>
              <p className="muted small">{form.dirty ? 'Unsaved: visitors see this after you save.' : 'What visitors see.'}</p>
            </div>
            <MessengerPreview customization={form.draft.customization} teammates={teammates.data?.teammates ?? []} />
          </div>
        </aside>
      </div>
    </FieldErrorProvider>
  );
}
