import { invalid } from '../../platform/http/errors.ts';
import { builtinAttributes } from '../data-attributes/builtin-attributes.ts';
import type { ClaimedIdentity } from './identity-verification.ts';

/**
 * The user data of a boot or update (Intercom's `intercomSettings` minus the Messenger settings),
 * read into what it changes: the identity, the contact's standard attributes, its profile, custom
 * attributes and companies. Errors are 400s naming `user.<key>`.
 */

export type CustomValue = string | number | boolean | null;

export interface CompanyData {
  company_id: string;
  name?: string | null;
  plan?: string | null;
  size?: number | null;
  website?: string | null;
  industry?: string | null;
  monthly_spend?: number | null;
  remote_created_at?: number | null;
  custom: Record<string, CustomValue>;
}

/** Standard contact attributes (the contacts API's names); null means "unknown" and clears the value. */
export interface ContactAttributes {
  name?: string | null;
  phone?: string | null;
  avatar?: string | null;
  signed_up_at?: number | null;
  unsubscribed_from_emails?: boolean | null;
}

export interface VisitorAttributes {
  contact: ContactAttributes;
  /** `contacts.profile` keys: language_override, utm_*. */
  profile: Record<string, string | null>;
  custom: Record<string, CustomValue>;
  companies: CompanyData[];
}

export interface UserData extends VisitorAttributes {
  identity: ClaimedIdentity;
}

/** Messenger settings: they style the Messenger and never become attributes. */
const messengerSettingKeys = new Set([
  'app_id',
  'api_base',
  'custom_launcher_selector',
  'alignment',
  'vertical_padding',
  'horizontal_padding',
  'z_index',
  'hide_default_launcher',
  'hide_notifications',
  'session_duration',
  'action_color',
  'background_color',
  'link_color',
  'page_title',
  'installation_type',
]);
const profileKeys = new Set(['language_override', 'utm_campaign', 'utm_content', 'utm_medium', 'utm_source', 'utm_term']);
/** Standard attributes the Messenger may not set (the API's read-only ones and the ones with their own key). */
const reservedKeys = new Set([...(builtinAttributes.contact ?? []).map((attribute) => attribute.fullName), 'id', 'type', 'last_request_at', 'custom_attributes', 'user_hash', 'intercom_user_jwt']);
const attributeName = /^[\p{L}\p{N}\p{Sc} _-]{1,190}$/u;
const maxCustomKeys = 100;
const maxCompanies = 10;
const maxStringLength = 65_535;

/** "", "undefined" and "null" mean unknown, as in Intercom. */
function unknownToNull(value: unknown): unknown {
  return value === '' || value === 'undefined' || value === 'null' || value === undefined ? null : value;
}

function text(value: unknown, key: string, maxLength: number): string | null {
  const given = unknownToNull(value);
  if (given === null) return null;
  if (typeof given === 'number' && Number.isFinite(given)) return String(given);
  if (typeof given !== 'string') throw invalid(`${key} must be a string`, `user.${key}`);
  if (given.length > maxLength) throw invalid(`${key} must be at most ${maxLength} characters`, `user.${key}`);
  return given.trim();
}

/** Unix seconds; milliseconds (a JavaScript Date.now()) and numeric strings are accepted too. */
function timestamp(value: unknown, key: string): number | null {
  const given = unknownToNull(value);
  if (given === null) return null;
  const number = typeof given === 'string' && /^\d{1,13}$/.test(given) ? Number(given) : given;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) throw invalid(`${key} must be a Unix timestamp in seconds`, `user.${key}`);
  return Math.floor(number > 1e11 ? number / 1000 : number);
}

function flag(value: unknown, key: string): boolean | null {
  const given = unknownToNull(value);
  if (given === null) return null;
  if (typeof given === 'boolean') return given;
  if (given === 'true' || given === 'false') return given === 'true';
  throw invalid(`${key} must be true or false`, `user.${key}`);
}

function avatarUrl(value: unknown): string | null {
  const given = unknownToNull(value);
  if (given === null) return null;
  const url = typeof given === 'object' && given !== null && !Array.isArray(given) ? unknownToNull((given as { image_url?: unknown }).image_url) : given;
  if (url === null) return null;
  if (typeof url !== 'string' || url.length > 2048 || !/^https?:\/\/\S+$/i.test(url)) {
    throw invalid('avatar must be {type: "avatar", image_url: "https://…"} or an image URL', 'user.avatar');
  }
  return url;
}

/** A custom attribute's value: a string, a number or a boolean (null = unknown). */
export function customValue(value: unknown, field: string): CustomValue {
  const given = unknownToNull(value);
  if (given === null) return null;
  if (typeof given === 'string') {
    if (given.length > maxStringLength) throw invalid(`${field} is longer than ${maxStringLength} characters`, field);
    return given;
  }
  if (typeof given === 'boolean') return given;
  if (typeof given === 'number' && Number.isFinite(given)) return given;
  throw invalid(`${field} must be a string, a number or a boolean`, field);
}

function customKey(key: string, field: string): void {
  if (!attributeName.test(key)) {
    throw invalid(`"${key.slice(0, 64)}" cannot be an attribute name: use letters, digits, spaces, underscores and hyphens (at most 190)`, field);
  }
}

const companyFields: Record<string, (value: unknown, field: string) => unknown> = {
  name: (value, field) => text(value, field, 255),
  plan: (value, field) => text(value, field, 255),
  website: (value, field) => text(value, field, 2048),
  industry: (value, field) => text(value, field, 255),
  size: (value, field) => {
    const given = unknownToNull(value);
    if (given === null) return null;
    if (typeof given !== 'number' || !Number.isSafeInteger(given) || given < 0) throw invalid('size must be a whole number', `user.${field}`);
    return given;
  },
  monthly_spend: (value, field) => {
    const given = unknownToNull(value);
    if (given === null) return null;
    if (typeof given !== 'number' || !Number.isFinite(given) || given < 0) throw invalid('monthly_spend must be a number', `user.${field}`);
    return given;
  },
};
/** Company keys computed by Frontdesk, ignored when a page sends them. */
const computedCompanyKeys = new Set(['user_count', 'session_count', 'id', 'type', 'last_request_at', 'app_id', 'tags', 'segments']);

function company(value: unknown, field: string): CompanyData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('a company must be an object with a company_id', `user.${field}`);
  const given = value as Record<string, unknown>;
  const id = given.company_id ?? given.id;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id).trim() === '' || String(id).length > 255) {
    throw invalid('a company needs a company_id (your identifier for it)', `user.${field}.company_id`);
  }
  const result: CompanyData = { company_id: String(id).trim(), custom: {} };
  for (const [key, raw] of Object.entries(given)) {
    if (key === 'company_id' || computedCompanyKeys.has(key)) continue;
    const at = `${field}.${key}`;
    if (key === 'created_at' || key === 'remote_created_at') result.remote_created_at = timestamp(raw, at);
    else if (key === 'custom_attributes' && typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      for (const [name, inner] of Object.entries(raw)) {
        customKey(name, `user.${at}.${name}`);
        result.custom[name] = customValue(inner, `user.${at}.${name}`);
      }
    } else if (companyFields[key]) (result as unknown as Record<string, unknown>)[key] = companyFields[key](raw, at);
    else {
      customKey(key, `user.${at}`);
      result.custom[key] = customValue(raw, `user.${at}`);
    }
  }
  return result;
}

export function parseUserData(user: Record<string, unknown> | undefined): UserData {
  const data: UserData = { identity: {}, contact: {}, profile: {}, custom: {}, companies: [] };
  for (const [key, value] of Object.entries(user ?? {})) {
    switch (key) {
      case 'user_id':
      case 'email': {
        const given = text(value, key, key === 'email' ? 320 : 255);
        if (given === null) break;
        if (key === 'email' && !/^[^\s@]+@[^\s@]+$/.test(given)) throw invalid(`"${given.slice(0, 64)}" is not an email address`, 'user.email');
        data.identity[key === 'email' ? 'email' : 'userId'] = given;
        break;
      }
      case 'user_hash':
      case 'intercom_user_jwt': {
        const given = text(value, key, 8192);
        if (given !== null) data.identity[key === 'user_hash' ? 'userHash' : 'jwt'] = given;
        break;
      }
      case 'name':
        data.contact.name = text(value, key, 255);
        break;
      case 'phone':
        data.contact.phone = text(value, key, 64);
        break;
      case 'avatar':
        data.contact.avatar = avatarUrl(value);
        break;
      case 'created_at':
      case 'signed_up_at':
        data.contact.signed_up_at = timestamp(value, key);
        break;
      case 'unsubscribed_from_emails':
        data.contact.unsubscribed_from_emails = flag(value, key);
        break;
      case 'company':
        if (unknownToNull(value) !== null) data.companies.push(company(value, 'company'));
        break;
      case 'companies': {
        if (unknownToNull(value) === null) break;
        if (!Array.isArray(value) || value.length > maxCompanies) throw invalid(`companies must be a list of at most ${maxCompanies} companies`, 'user.companies');
        value.forEach((entry, index) => {
          data.companies.push(company(entry, `companies[${index}]`));
        });
        break;
      }
      default:
        if (messengerSettingKeys.has(key)) break;
        if (profileKeys.has(key)) data.profile[key] = text(value, key, 255);
        else if (reservedKeys.has(key)) break;
        else {
          customKey(key, `user.${key}`);
          data.custom[key] = customValue(value, `user.${key}`);
        }
    }
  }
  if (Object.keys(data.custom).length > maxCustomKeys) throw invalid(`At most ${maxCustomKeys} custom attributes at a time`, 'user');
  return data;
}

/** Later values win: what an anonymous visitor said before, then what it says now. */
export function mergeAttributes(before: VisitorAttributes | undefined, after: VisitorAttributes): VisitorAttributes {
  if (!before) return after;
  const companies = new Map([...before.companies, ...after.companies].map((entry) => [entry.company_id, entry]));
  return {
    contact: { ...before.contact, ...after.contact },
    profile: { ...before.profile, ...after.profile },
    custom: { ...before.custom, ...after.custom },
    companies: [...companies.values()].slice(-maxCompanies),
  };
}

export function isEmpty(attributes: VisitorAttributes): boolean {
  return (
    Object.keys(attributes.contact).length === 0 &&
    Object.keys(attributes.profile).length === 0 &&
    Object.keys(attributes.custom).length === 0 &&
    attributes.companies.length === 0
  );
}
