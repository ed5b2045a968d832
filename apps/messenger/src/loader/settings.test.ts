import { describe, expect, it } from 'vitest';
import { frontdeskOrigin, splitSettings } from './settings.ts';

describe('intercomSettings, split into Messenger settings and user data', () => {
  it('sends identity, verification and custom attributes as user data, and keeps Messenger settings apart', () => {
    const split = splitSettings({
      app_id: 'abc123',
      api_base: 'https://support.example.com',
      user_id: 'u-1',
      email: 'ada@example.com',
      name: 'Ada',
      user_hash: 'f00',
      plan: 'pro',
      company: { company_id: 'c-1', name: 'Acme' },
      alignment: 'left',
      horizontal_padding: 5,
      vertical_padding: '64',
      action_color: '#ff0000',
      hide_default_launcher: 1,
      installation_type: 'js-snippet',
      z_index: 10,
      onSomething: () => undefined,
    });
    expect(split.app_id).toBe('abc123');
    expect(split.api_base).toBe('https://support.example.com');
    expect(split.z_index).toBe(10);
    expect(split.user).toEqual({
      user_id: 'u-1',
      email: 'ada@example.com',
      name: 'Ada',
      user_hash: 'f00',
      plan: 'pro',
      company: { company_id: 'c-1', name: 'Acme' },
    });
    expect(split.overrides).toEqual({
      alignment: 'left',
      horizontal_padding: 20,
      vertical_padding: 64,
      action_color: '#ff0000',
      hide_default_launcher: true,
    });
  });

  it('reads any alignment but "left" as right, and the legacy widget activator as a custom launcher', () => {
    expect(splitSettings({ alignment: 'center' }).overrides.alignment).toBe('right');
    expect(splitSettings({ widget: { activator: '#help' } }).overrides.custom_launcher_selector).toBe('#help');
    expect(splitSettings(undefined)).toEqual({ overrides: {}, user: {}, app_id: undefined, api_base: undefined, z_index: undefined, page_title: undefined });
  });
});

describe('the Frontdesk origin', () => {
  const page = 'https://shop.example.com/cart';
  it('is api_base when given, else where the loader came from', () => {
    expect(frontdeskOrigin('https://desk.example.com/', 'https://cdn.example.net/widget/abc', page)).toBe('https://desk.example.com');
    expect(frontdeskOrigin(undefined, 'https://desk.example.com/widget/abc', page)).toBe('https://desk.example.com');
  });
  it("ignores an api_base still pointing at Intercom after a migration", () => {
    expect(frontdeskOrigin('https://api-iam.intercom.io', 'https://desk.example.com/widget/abc', page)).toBe('https://desk.example.com');
  });
  it('falls back to the page itself when nothing else is usable', () => {
    expect(frontdeskOrigin('javascript:alert(1)', undefined, page)).toBe('https://shop.example.com');
  });
});
