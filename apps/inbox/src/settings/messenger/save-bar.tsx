import { ErrorAlert, SuccessNotice } from '../../ui/alerts.tsx';
import type { SettingsForm } from './use-settings-form.ts';

/** Stays at the bottom of the window while the form scrolls: the state of the draft and its actions. */
export function SaveBar({ form }: { form: SettingsForm }) {
  return (
    <section className="save-bar" aria-label="Save Messenger settings">
      <div className="save-bar-status">
        {form.error ? (
          <ErrorAlert message={form.error} />
        ) : form.saved && !form.dirty ? (
          <SuccessNotice>Messenger settings saved. Sites with the snippet get them on their next page load.</SuccessNotice>
        ) : (
          <span className="muted" aria-live="polite">
            {form.dirty ? 'You have unsaved changes.' : 'No unsaved changes.'}
          </span>
        )}
      </div>
      <div className="button-row">
        {form.dirty ? (
          <button type="button" className="button button-secondary" onClick={form.discard} disabled={form.saving}>
            Discard changes
          </button>
        ) : null}
        <button type="submit" className="button button-primary" disabled={!form.dirty || form.saving}>
          {form.saving ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </section>
  );
}
