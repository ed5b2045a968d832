import type { MessengerSettings, MessengerSettingsUpdate } from '@frontdesk/api-types';

/** The part of the settings a teammate edits; app_id, has_secret and the snippet are read-only. */
export interface SettingsDraft {
  customization: MessengerSettings['customization'];
  content_safety: MessengerSettings['content_safety'];
  identity_verification: { enforced: boolean };
}

export function draftOf(settings: MessengerSettings): SettingsDraft {
  return {
    customization: settings.customization,
    content_safety: settings.content_safety,
    identity_verification: { enforced: settings.identity_verification.enforced },
  };
}

/** Deep equality of JSON values, ignoring key order (the server's jsonb answers keys in its own order). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]));
}

function changedKeys<T extends object>(saved: T, draft: T): Partial<T> | undefined {
  const changes: Partial<T> = {};
  let any = false;
  for (const key of Object.keys(draft) as (keyof T)[]) {
    if (sameValue(saved[key], draft[key])) continue;
    changes[key] = draft[key];
    any = true;
  }
  return any ? changes : undefined;
}

/** Only what changed, so a save never re-submits (and re-validates) settings nobody touched. */
export function toSettingsUpdate(saved: SettingsDraft, draft: SettingsDraft): MessengerSettingsUpdate {
  const update: MessengerSettingsUpdate = {};
  const customization = changedKeys(saved.customization, draft.customization);
  if (customization) update.customization = customization;
  const contentSafety = changedKeys(saved.content_safety, draft.content_safety);
  if (contentSafety) update.content_safety = contentSafety;
  if (saved.identity_verification.enforced !== draft.identity_verification.enforced) {
    update.identity_verification = draft.identity_verification;
  }
  return update;
}

export function isEmptyUpdate(update: MessengerSettingsUpdate): boolean {
  return Object.keys(update).length === 0;
}
