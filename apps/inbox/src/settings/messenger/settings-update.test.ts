import type { MessengerSettings } from '@frontdesk/api-types';
import { describe, expect, test } from 'vitest';
import { draftOf, isEmptyUpdate, sameValue, toSettingsUpdate } from './settings-update.ts';

const settings: MessengerSettings = {
  app_id: 'abc123',
  customization: {
    action_color: '#2563eb',
    background_color: '#1e3a8a',
    alignment: 'right',
    horizontal_padding: 20,
    vertical_padding: 20,
    hide_default_launcher: false,
    custom_launcher_selector: null,
    greeting: 'Hi there',
    team_intro: '',
    team_name: '',
    team_avatar_teammate_ids: [],
    locale: 'en',
    css_variables: {},
    office_hours: { timezone: 'Europe/Paris', intervals: [{ day: 1, start: '09:00', end: '17:00' }] },
    reply_time: 'hours',
  },
  content_safety: {
    attachments_enabled: true,
    allowed_attachment_types: ['image/*'],
    max_attachment_bytes: 10 * 1024 * 1024,
    redact_card_numbers: true,
    redaction_patterns: [],
    visitor_messages_per_minute: 20,
  },
  identity_verification: { enforced: false, has_secret: true },
  snippet: '<script></script>',
};

describe('the update a save sends', () => {
  test('an untouched form sends nothing', () => {
    expect(isEmptyUpdate(toSettingsUpdate(draftOf(settings), draftOf(settings)))).toBe(true);
  });

  test('only the keys that changed are sent, section by section', () => {
    const draft = draftOf(settings);
    const edited = {
      ...draft,
      customization: { ...draft.customization, action_color: '#e11d48', alignment: 'left' as const },
      identity_verification: { enforced: true },
    };
    expect(toSettingsUpdate(draftOf(settings), edited)).toEqual({
      customization: { action_color: '#e11d48', alignment: 'left' },
      identity_verification: { enforced: true },
    });
  });

  test('the same office hours with their keys in another order are not a change', () => {
    const reordered = { timezone: 'Europe/Paris', intervals: [{ end: '17:00', day: 1, start: '09:00' }] };
    const draft = draftOf(settings);
    expect(isEmptyUpdate(toSettingsUpdate(draft, { ...draft, customization: { ...draft.customization, office_hours: reordered } }))).toBe(true);
  });
});

describe('sameValue', () => {
  test('compares arrays by position and objects by key', () => {
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(false);
    expect(sameValue({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue([], {})).toBe(false);
  });
});
