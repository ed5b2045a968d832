import type { ContentSafetySettings, MessengerCustomization, MessengerSettings } from '@frontdesk/api-types';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, messageOf } from '../../api/client.ts';
import { type FieldError, fieldId, locateField, readableMessage } from './field-errors.tsx';
import { draftOf, isEmptyUpdate, type SettingsDraft, toSettingsUpdate } from './settings-update.ts';

export interface SettingsForm {
  draft: SettingsDraft;
  dirty: boolean;
  saving: boolean;
  saved: boolean;
  /** A refusal not tied to a rendered field, or the summary of one that is. */
  error: string | undefined;
  fieldError: FieldError | undefined;
  setCustomization: (patch: Partial<MessengerCustomization>) => void;
  setContentSafety: (patch: Partial<ContentSafetySettings>) => void;
  setEnforced: (enforced: boolean) => void;
  save: () => Promise<void>;
  discard: () => void;
}

function labelOf(field: string): string {
  const element = document.getElementById(fieldId(field));
  if (element instanceof HTMLFieldSetElement) return element.querySelector('legend')?.textContent ?? field;
  if (element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) {
    return element.labels?.[0]?.textContent ?? element.getAttribute('aria-label') ?? field;
  }
  return field;
}

/** The editable copy of the settings, what changed since the last save, and saving it. */
export function useSettingsForm(settings: MessengerSettings, onSaved: (settings: MessengerSettings) => void): SettingsForm {
  const baseline = useMemo(() => draftOf(settings), [settings]);
  const [draft, setDraft] = useState(baseline);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string>();
  const [fieldError, setFieldError] = useState<FieldError>();
  const dirty = !isEmptyUpdate(toSettingsUpdate(baseline, draft));

  useEffect(() => {
    if (fieldError) document.getElementById(fieldId(fieldError.shownAt))?.focus();
  }, [fieldError]);

  function edited(section: string, keys: string[]) {
    setSaved(false);
    if (fieldError && keys.some((key) => `${fieldError.field}.`.startsWith(`${section}.${key}.`))) {
      setFieldError(undefined);
      setError(undefined);
    }
  }

  function setCustomization(patch: Partial<MessengerCustomization>) {
    setDraft((current) => ({ ...current, customization: { ...current.customization, ...patch } }));
    edited('customization', Object.keys(patch));
  }
  function setContentSafety(patch: Partial<ContentSafetySettings>) {
    setDraft((current) => ({ ...current, content_safety: { ...current.content_safety, ...patch } }));
    edited('content_safety', Object.keys(patch));
  }
  function setEnforced(enforced: boolean) {
    setDraft((current) => ({ ...current, identity_verification: { enforced } }));
    edited('identity_verification', ['enforced']);
  }

  async function save() {
    const update = toSettingsUpdate(baseline, draft);
    if (isEmptyUpdate(update)) return;
    setSaving(true);
    setError(undefined);
    setFieldError(undefined);
    try {
      const answer = await api.put<MessengerSettings | undefined>('/messenger/settings', update);
      const fresh = answer?.customization ? answer : await api.get<MessengerSettings>('/messenger/settings');
      onSaved(fresh);
      setDraft(draftOf(fresh));
      setSaved(true);
    } catch (failure) {
      const shownAt = failure instanceof ApiError && failure.field ? locateField(failure.field) : undefined;
      if (failure instanceof ApiError && failure.field && shownAt) {
        const refusal = { field: failure.field, shownAt, message: failure.message };
        const label = labelOf(shownAt);
        const message = readableMessage(refusal, label);
        setError(`Not saved. ${message.startsWith(label) ? message : `${label}: ${message}`}`);
        setFieldError(refusal);
      } else {
        setError(`Not saved. ${messageOf(failure)}`);
      }
    } finally {
      setSaving(false);
    }
  }

  function discard() {
    setDraft(baseline);
    setError(undefined);
    setFieldError(undefined);
    setSaved(false);
  }

  return { draft, dirty, saving, saved, error, fieldError, setCustomization, setContentSafety, setEnforced, save, discard };
}
