import type { ContentSafetySettings, MessengerCustomization, OfficeHours } from '@frontdesk/api-types';
import type { Executor } from '../../platform/db/database.ts';
import { invalid } from '../../platform/http/errors.ts';
import { findSeat } from '../workspaces/service.ts';
import { hasControlCharacter } from './control-characters.ts';
import { cssVariableName, isCssColor, isSafeCssValue } from './css-values.ts';
import { compileRedactionPattern, maxPatterns } from './redaction.ts';
import { attachmentBytesCeiling } from './settings-defaults.ts';

/**
 * The meaning checks of a settings update (the route's schema has checked the types): each error is a
 * 400 naming the field, e.g. `customization.action_color`.
 */

export const locales = ['en', 'fr', 'de', 'es'] as const;
export const paddingRange = { min: 20, max: 200 };
const textLimits = { greeting: 280, team_intro: 500, team_name: 100 } as const;
const maxSelectorLength = 200;
const maxCssVariables = 50;
const maxAvatars = 10;
const mimePattern = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/(?:\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126})$/;
const clock = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

const field = (section: string, key: string) => `${section}.${key}`;

function checkOfficeHours(hours: OfficeHours | null, name: string): void {
  if (hours === null) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: hours.timezone });
  } catch {
    throw invalid(`"${hours.timezone}" is not a time zone (use an IANA name such as "Europe/Paris")`, `${name}.timezone`);
  }
  if (hours.intervals.length > 50) throw invalid('At most 50 opening intervals', `${name}.intervals`);
  hours.intervals.forEach((interval, index) => {
    const at = `${name}.intervals[${index}]`;
    if (!Number.isInteger(interval.day) || interval.day < 0 || interval.day > 6) throw invalid('day must be 0 (Sunday) to 6 (Saturday)', `${at}.day`);
    if (!clock.test(interval.start)) throw invalid('start must be a time "HH:MM" (24 h)', `${at}.start`);
    if (!clock.test(interval.end)) throw invalid('end must be a time "HH:MM" (24 h)', `${at}.end`);
    if (interval.end <= interval.start) throw invalid('end must be after start', `${at}.end`);
  });
}

export async function checkCustomization(db: Executor, workspaceId: number, update: Partial<MessengerCustomization>): Promise<void> {
  const name = (key: keyof MessengerCustomization) => field('customization', key);
  for (const key of ['action_color', 'background_color'] as const) {
    const value = update[key];
    if (value !== undefined && !isCssColor(value)) {
      throw invalid(`"${value.slice(0, 64)}" is not a CSS color: use hex (#1f6feb), rgb(31, 111, 235) or a color name`, name(key));
    }
  }
  for (const key of ['horizontal_padding', 'vertical_padding'] as const) {
    const value = update[key];
    if (value !== undefined && (!Number.isInteger(value) || value < paddingRange.min || value > paddingRange.max)) {
      throw invalid(`${key} must be a whole number of pixels from ${paddingRange.min} to ${paddingRange.max}`, name(key));
    }
  }
  const selector = update.custom_launcher_selector;
  if (selector !== undefined && selector !== null) {
    if (!selector.trim() || selector.length > maxSelectorLength) throw invalid(`The launcher selector must be 1 to ${maxSelectorLength} characters`, name('custom_launcher_selector'));
    if (/[<>{}]/.test(selector) || hasControlCharacter(selector)) throw invalid('The launcher selector must be a CSS selector such as "#help-button"', name('custom_launcher_selector'));
  }
  for (const key of ['greeting', 'team_intro', 'team_name'] as const) {
    const value = update[key];
    if (value !== undefined && value.length > textLimits[key]) throw invalid(`${key} must be at most ${textLimits[key]} characters`, name(key));
  }
  if (update.locale !== undefined && !(locales as readonly string[]).includes(update.locale)) {
    throw invalid(`locale must be one of ${locales.join(', ')}`, name('locale'));
  }
  if (update.css_variables !== undefined) {
    const entries = Object.entries(update.css_variables);
    if (entries.length > maxCssVariables) throw invalid(`At most ${maxCssVariables} CSS variables`, name('css_variables'));
    for (const [key, value] of entries) {
      const at = `${name('css_variables')}.${key}`;
      if (!cssVariableName.test(key) || key.length > 64) throw invalid(`"${key.slice(0, 64)}" is not a CSS variable name: use lowercase letters, digits and dashes after "--"`, at);
      if (typeof value !== 'string' || value.length > 200 || !isSafeCssValue(value)) {
        throw invalid(`The value of ${key} must be at most 200 characters, without ; { } < > or backslashes`, at);
      }
    }
  }
  if (update.office_hours !== undefined) checkOfficeHours(update.office_hours, name('office_hours'));
  if (update.team_avatar_teammate_ids !== undefined) {
    const ids = update.team_avatar_teammate_ids;
    if (ids.length > maxAvatars) throw invalid(`At most ${maxAvatars} teammates`, name('team_avatar_teammate_ids'));
    for (const id of ids) {
      const seat = /^[0-9]{1,15}$/.test(id) ? await findSeat(db, workspaceId, Number(id)) : undefined;
      if (!seat) throw invalid(`${id} is not a teammate of this workspace`, name('team_avatar_teammate_ids'));
    }
  }
}

export function checkContentSafety(update: Partial<ContentSafetySettings>): void {
  const name = (key: keyof ContentSafetySettings) => field('content_safety', key);
  if (update.allowed_attachment_types !== undefined) {
    if (update.allowed_attachment_types.length > 50) throw invalid('At most 50 attachment types', name('allowed_attachment_types'));
    for (const type of update.allowed_attachment_types) {
      if (!mimePattern.test(type)) throw invalid(`"${type.slice(0, 64)}" is not a MIME type such as "application/pdf" or "image/*"`, name('allowed_attachment_types'));
    }
  }
  const bytes = update.max_attachment_bytes;
  if (bytes !== undefined && (!Number.isInteger(bytes) || bytes < 1 || bytes > attachmentBytesCeiling)) {
    throw invalid(`max_attachment_bytes must be from 1 to ${attachmentBytesCeiling} (20 MB)`, name('max_attachment_bytes'));
  }
  const perMinute = update.visitor_messages_per_minute;
  if (perMinute !== undefined && (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > 600)) {
    throw invalid('visitor_messages_per_minute must be from 1 to 600', name('visitor_messages_per_minute'));
  }
  if (update.redaction_patterns !== undefined) {
    if (update.redaction_patterns.length > maxPatterns) throw invalid(`At most ${maxPatterns} redaction patterns`, name('redaction_patterns'));
    update.redaction_patterns.forEach((rule, index) => {
      const at = `${name('redaction_patterns')}[${index}]`;
      if (!rule.name.trim() || rule.name.length > 100) throw invalid('A redaction pattern needs a name of 1 to 100 characters', `${at}.name`);
      const compiled = compileRedactionPattern(rule.pattern);
      if (typeof compiled === 'string') throw invalid(`The pattern ${compiled}`, `${at}.pattern`);
    });
  }
}
