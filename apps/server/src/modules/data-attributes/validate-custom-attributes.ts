import type { Executor } from '../../platform/db/database.ts';
import { invalid } from '../../platform/http/errors.ts';
import * as data from './data.ts';

export type CustomAttributeValue = string | number | boolean | null;
const maxStringLength = 65_535;

/**
 * Checks custom attribute values against the workspace's declared data attributes of `model` and
 * returns them normalized (dates as Unix seconds). `null` is kept: it clears the attribute (see
 * `mergeCustomAttributes`). Unknown, archived or mistyped keys are a 400 naming the key.
 */
export async function validateCustomAttributes(
  db: Executor,
  workspaceId: number,
  model: 'contact' | 'company' | 'conversation',
  values: unknown,
): Promise<Record<string, CustomAttributeValue>> {
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw invalid('custom_attributes must be an object of attribute names to values', 'custom_attributes');
  }
  const entries = Object.entries(values as Record<string, unknown>);
  if (entries.length === 0) return {};
  const declared = new Map((await data.listDataAttributes(db, workspaceId, model)).map((row) => [row.name, row]));
  const normalized: Record<string, CustomAttributeValue> = {};
  for (const [name, value] of entries) {
    const field = `custom_attributes.${name}`;
    const attribute = declared.get(name);
    if (!attribute) {
      throw invalid(`Custom attribute "${name}" does not exist for ${model}s: create it first with POST /data_attributes`, field);
    }
    if (attribute.archived) throw invalid(`Custom attribute "${name}" is archived and cannot be written`, field);
    if (value === null) {
      normalized[name] = null;
      continue;
    }
    const options = Array.isArray(attribute.options) ? (attribute.options as string[]) : [];
    normalized[name] = normalizeValue(name, attribute.dataType, options, value);
  }
  return normalized;
}

function normalizeValue(name: string, dataType: string, options: string[], value: unknown): Exclude<CustomAttributeValue, null> {
  const field = `custom_attributes.${name}`;
  const wrong = (expected: string) => invalid(`Custom attribute "${name}" must be ${expected}, not ${describe(value)}`, field);
  switch (dataType) {
    case 'string':
      if (typeof value !== 'string') throw wrong('a string');
      if (value.length > maxStringLength) throw invalid(`Custom attribute "${name}" is longer than ${maxStringLength} characters`, field);
      return value;
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw wrong('an integer');
      return value;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw wrong('a float (a number)');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw wrong('a boolean');
      return value;
    case 'date': {
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
      // ISO 8601 dates are accepted too and stored as Unix seconds, as every date in the API.
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value))) {
        return Math.floor(Date.parse(value) / 1000);
      }
      throw wrong('a date (Unix timestamp in seconds)');
    }
    case 'options':
      if (typeof value !== 'string') throw wrong(`one of the options ${options.map((o) => `"${o}"`).join(', ')}`);
      if (!options.includes(value)) throw invalid(`Custom attribute "${name}" must be one of ${options.map((o) => `"${o}"`).join(', ')}, not "${value}"`, field);
      return value;
    default:
      throw invalid(`Custom attribute "${name}" has an unknown data type "${dataType}"`, field);
  }
}

/** Applies validated changes to stored custom attributes: a `null` removes the key, anything else sets it. */
export function mergeCustomAttributes(current: unknown, changes: Record<string, CustomAttributeValue>): Record<string, Exclude<CustomAttributeValue, null>> {
  const merged: Record<string, Exclude<CustomAttributeValue, null>> = {
    ...(typeof current === 'object' && current !== null ? (current as Record<string, Exclude<CustomAttributeValue, null>>) : {}),
  };
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
