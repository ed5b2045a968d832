import type { ContentSafetySettings, MessengerCustomization } from '@frontdesk/api-types';

/** The largest attachment a workspace may allow. */
export const attachmentBytesCeiling = 20 * 1024 * 1024;

/** A new workspace's Messenger; a workspace stores only what it changed, so these stay its defaults. */
export const defaultCustomization: MessengerCustomization = {
  action_color: '#2563eb',
  background_color: '#1e3a8a',
  alignment: 'right',
  horizontal_padding: 20,
  vertical_padding: 20,
  hide_default_launcher: false,
  custom_launcher_selector: null,
  greeting: 'Hi there 👋',
  team_intro: 'Ask us anything, or share your feedback.',
  // Empty: the workspace's name.
  team_name: '',
  team_avatar_teammate_ids: [],
  locale: 'en',
  css_variables: {},
  office_hours: null,
  reply_time: 'hours',
};

export const defaultContentSafety: ContentSafetySettings = {
  attachments_enabled: true,
  allowed_attachment_types: ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/csv'],
  max_attachment_bytes: 10 * 1024 * 1024,
  redact_card_numbers: true,
  redaction_patterns: [],
  visitor_messages_per_minute: 20,
};

/** What a workspace changed, as stored in `messenger_settings.settings`. */
export interface StoredSettings {
  customization?: Partial<MessengerCustomization>;
  content_safety?: Partial<ContentSafetySettings>;
}

export function withDefaults(stored: StoredSettings | undefined): { customization: MessengerCustomization; contentSafety: ContentSafetySettings } {
  return {
    customization: { ...defaultCustomization, ...stored?.customization },
    contentSafety: { ...defaultContentSafety, ...stored?.content_safety },
  };
}
