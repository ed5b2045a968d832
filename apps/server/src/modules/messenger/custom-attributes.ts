import type { Permissions } from '@frontdesk/api-types';
import type { Actor } from '../../platform/http/auth.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { type AttributeModel, createDataAttribute, listCustomAttributes, validateCustomAttributes } from '../data-attributes/service.ts';
import type { CustomValue } from './visitor-attributes.ts';

/**
 * Custom attributes a page sends: an existing data attribute validates the value against its type; a
 * new name becomes a data attribute, its type inferred from the value (string, integer, float, boolean).
 */

/** Past this many declared attributes of a model, a page cannot add more (a hostile page could flood them). */
export const maxDeclaredAttributes = 500;

const noPermissions = {} as Permissions;

/**
 * The data-attributes service records who created an attribute; a visitor is no teammate, so its
 * attributes are created with no admin (`admin_id` and the event's `actor_id` null).
 */
const visitorActor = (workspaceId: number): Actor => ({ workspaceId, teammateId: null as unknown as number, role: 'agent', permissions: noPermissions, via: 'token' });

export function inferredType(value: Exclude<CustomValue, null>): 'string' | 'integer' | 'float' | 'boolean' {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'integer' : 'float';
  return 'string';
}

/** The field a page named: `user.<key>` (or `user.company.<key>`), not the REST API's `custom_attributes.<key>`. */
function renamed(error: unknown, prefix: string): unknown {
  if (!(error instanceof AppError) || !error.options.field?.startsWith('custom_attributes.')) return error;
  return new AppError(error.status, error.code, error.message, { field: `${prefix}.${error.options.field.slice('custom_attributes.'.length)}` });
}

/**
 * The values ready to store. `create`: new names become data attributes now (a contact is being
 * written); otherwise they are only checked (an anonymous visitor's, kept until its lead exists).
 * `lenient`: a value that no longer fits (an attribute archived or retyped meanwhile) is dropped
 * instead of refusing the request.
 */
export async function prepareCustomAttributes(
  platform: Platform,
  workspaceId: number,
  model: AttributeModel,
  values: Record<string, CustomValue>,
  options: { create: boolean; lenient?: boolean; fieldPrefix: string },
): Promise<Record<string, CustomValue>> {
  const entries = Object.entries(values);
  if (entries.length === 0) return {};
  const db = platform.database.orm;
  let declared = new Map((await listCustomAttributes(db, workspaceId, model)).map((row) => [row.name, row]));
  const fresh = entries.filter(([name, value]) => !declared.has(name) && value !== null) as [string, Exclude<CustomValue, null>][];
  if (fresh.length && declared.size + fresh.length > maxDeclaredAttributes) {
    if (options.lenient) return {};
    throw invalid(`This workspace has reached ${maxDeclaredAttributes} ${model} attributes: "${fresh[0]?.[0]}" cannot be added`, `${options.fieldPrefix}.${fresh[0]?.[0]}`);
  }
  if (options.create && fresh.length) {
    for (const [name, value] of fresh) {
      try {
        await createDataAttribute(platform, visitorActor(workspaceId), { name, model, data_type: inferredType(value) });
      } catch (error) {
        // A concurrent boot created it first: it is validated below like any existing one.
        if (!(error instanceof AppError) || error.status !== 400) throw error;
      }
    }
    declared = new Map((await listCustomAttributes(db, workspaceId, model)).map((row) => [row.name, row]));
  }
  const known: Record<string, CustomValue> = {};
  const result: Record<string, CustomValue> = {};
  for (const [name, value] of entries) {
    const attribute = declared.get(name);
    if (!attribute) {
      if (value === null) continue;
      if (!options.create) result[name] = value;
      else if (!options.lenient) throw invalid(`The attribute "${name}" could not be created`, `${options.fieldPrefix}.${name}`);
      continue;
    }
    if (attribute.archived) {
      if (options.lenient) continue;
      throw invalid(`The attribute "${name}" is archived and cannot be written`, `${options.fieldPrefix}.${name}`);
    }
    known[name] = value;
  }
  if (options.lenient) {
    for (const [name, value] of Object.entries(known)) {
      try {
        Object.assign(result, await validateCustomAttributes(db, workspaceId, model, { [name]: value }));
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
    }
    return result;
  }
  try {
    Object.assign(result, await validateCustomAttributes(db, workspaceId, model, known));
  } catch (error) {
    throw renamed(error, options.fieldPrefix);
  }
  return result;
}
