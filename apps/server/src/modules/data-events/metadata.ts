import { invalid } from '../../platform/http/errors.ts';

export type MetadataValue = string | number | boolean | { url: string; value: string } | { amount: number; currency: string };

/** Intercom keeps the first 10 metadata keys of an event and ignores the rest. */
export const maxMetadataKeys = 10;
const maxStringLength = 1000;

/**
 * Event metadata is flat: strings (links included), numbers, booleans (and dates as Unix seconds in
 * keys ending `_date`), plus Intercom's two rich types, a rich link `{url, value}` and a monetary
 * amount `{amount, currency}` in cents. Anything nested otherwise is refused, naming the key.
 */
export function normalizeMetadata(metadata: unknown): Record<string, MetadataValue> {
  if (metadata === undefined || metadata === null) return {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) throw invalid('metadata must be an object of keys to values', 'metadata');
  const result: Record<string, MetadataValue> = {};
  for (const [key, value] of Object.entries(metadata as Record<string, unknown>).slice(0, maxMetadataKeys)) {
    const field = `metadata.${key}`;
    if (!key.trim() || key.length > 255) throw invalid('metadata keys must be 1 to 255 characters', field);
    if (typeof value === 'string') {
      if (value.length > maxStringLength) throw invalid(`metadata "${key}" is longer than ${maxStringLength} characters`, field);
      result[key] = value;
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw invalid(`metadata "${key}" must be a finite number`, field);
      if (key.endsWith('_date') && !Number.isSafeInteger(value)) throw invalid(`metadata "${key}" is a date: send Unix seconds`, field);
      result[key] = value;
    } else if (typeof value === 'boolean') {
      result[key] = value;
    } else if (isRichLink(value)) {
      result[key] = { url: value.url, value: value.value };
    } else if (isMoney(value)) {
      result[key] = { amount: value.amount, currency: value.currency.toLowerCase() };
    } else {
      throw invalid(
        `metadata "${key}" must be a string, a number, a boolean, a rich link {url, value} or an amount {amount, currency}; nested objects and arrays are not supported`,
        field,
      );
    }
  }
  return result;
}

function isRichLink(value: unknown): value is { url: string; value: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const { url, value: text } = value as Record<string, unknown>;
  return keys.length === 2 && typeof url === 'string' && /^https?:\/\//i.test(url) && typeof text === 'string';
}

function isMoney(value: unknown): value is { amount: number; currency: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const { amount, currency } = value as Record<string, unknown>;
  return keys.length === 2 && typeof amount === 'number' && Number.isSafeInteger(amount) && typeof currency === 'string' && /^[A-Za-z]{3}$/.test(currency);
}
