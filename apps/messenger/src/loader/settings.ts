import type { MessengerOverrides } from '../protocol.ts';

/** What `window.intercomSettings`, `boot` and `update` carry, split into Messenger settings and user data. */
export interface SplitSettings {
  app_id?: string;
  api_base?: string;
  z_index?: number;
  page_title?: string;
  overrides: MessengerOverrides;
  /** Everything else: identity, verification, company, custom attributes (sent to the server as `user`). */
  user: Record<string, unknown>;
}

/** Keys that configure the Messenger and are never stored on the contact. */
const messengerKeys = new Set([
  'app_id',
  'api_base',
  'alignment',
  'horizontal_padding',
  'vertical_padding',
  'z_index',
  'hide_default_launcher',
  'custom_launcher_selector',
  'hide_notifications',
  'session_duration',
  'action_color',
  'background_color',
  'link_color',
  'page_title',
  'installation_type',
  'widget',
]);

const minimumPadding = 20;

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
const padding = (value: unknown) => {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? Math.max(minimumPadding, Math.round(number)) : undefined;
};

export function splitSettings(settings: unknown): SplitSettings {
  const source = settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
  const user: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (!messengerKeys.has(key) && typeof value !== 'function' && value !== undefined) user[key] = value;
  }
  const overrides: MessengerOverrides = {};
  const set = <K extends keyof MessengerOverrides>(key: K, value: MessengerOverrides[K] | undefined) => {
    if (value !== undefined) overrides[key] = value;
  };
  // Intercom: "left" aligns left, anything else means right.
  if ('alignment' in source) set('alignment', source.alignment === 'left' ? 'left' : 'right');
  set('horizontal_padding', padding(source.horizontal_padding));
  set('vertical_padding', padding(source.vertical_padding));
  set('action_color', text(source.action_color));
  set('background_color', text(source.background_color));
  set('link_color', text(source.link_color));
  if ('hide_default_launcher' in source) set('hide_default_launcher', Boolean(source.hide_default_launcher));
  if ('hide_notifications' in source) set('hide_notifications', Boolean(source.hide_notifications));
  // The legacy `widget: {activator: '#IntercomDefaultWidget'}` names a custom launcher too.
  const widget = source.widget as { activator?: unknown } | undefined;
  const selector = text(source.custom_launcher_selector) ?? text(widget?.activator);
  if (selector) set('custom_launcher_selector', selector);
  const zIndex = Number(source.z_index);
  return {
    app_id: text(source.app_id),
    api_base: text(source.api_base),
    z_index: source.z_index !== undefined && Number.isFinite(zIndex) ? zIndex : undefined,
    page_title: text(source.page_title),
    overrides,
    user,
  };
}

/**
 * The Frontdesk origin: `api_base` when it names one, else the origin the loader was served from. An
 * `api_base` still pointing at Intercom (left over from a migration) is ignored.
 */
export function frontdeskOrigin(apiBase: string | undefined, scriptSrc: string | undefined, pageUrl: string): string {
  for (const candidate of [apiBase, scriptSrc]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate, pageUrl);
      if (!/^https?:$/.test(url.protocol) || /(^|\.)intercom(cdn)?\.io$/.test(url.hostname)) continue;
      return url.origin;
    } catch {
      // not a URL: try the next candidate
    }
  }
  return new URL(pageUrl).origin;
}
