import { appendEvent } from '../../platform/events/outbox.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { Platform } from '../../platform/platform.ts';
import { builtinAttributes } from './builtin-attributes.ts';
import * as data from './data.ts';
import { toIntercomBuiltinAttribute, toIntercomDataAttribute } from './intercom-data-attribute.ts';

export type { DataAttributeRow } from './data.ts';
export { mergeCustomAttributes, validateCustomAttributes } from './validate-custom-attributes.ts';

export type AttributeModel = 'contact' | 'company' | 'conversation';
export const attributeModels: AttributeModel[] = ['contact', 'company', 'conversation'];
export const dataTypes = ['string', 'integer', 'float', 'boolean', 'date', 'datetime', 'options'] as const;
export type DataType = (typeof dataTypes)[number];

// Intercom: "alphanumeric characters, currency symbols, and hyphens"; its own examples also use spaces and underscores.
const namePattern = /^[\p{L}\p{N}\p{Sc} _-]+$/u;

export interface NewDataAttributeInput {
  name: string;
  model: AttributeModel;
  data_type: DataType;
  options?: { value?: string }[];
  description?: string;
  messenger_writable?: boolean;
}

export async function createDataAttribute(platform: Platform, actor: Actor, input: NewDataAttributeInput) {
  const name = input.name.trim();
  if (!name || name.length > 190 || !namePattern.test(name)) {
    throw invalid('Your name for this attribute must only contain alphanumeric characters, currency symbols, and hyphens', 'name');
  }
  const dataType = input.data_type === 'datetime' ? 'date' : input.data_type;
  let options: string[] | null = null;
  if (dataType === 'options') options = optionValues(input.options);
  else if (input.options !== undefined) throw invalid(`options are only for data_type "options", not "${input.data_type}"`, 'options');
  const taken = () => invalid(`You already have '${name}' in your ${input.model} data. To save this as new ${input.model} data, use a different name.`, 'name');
  if (builtinAttributes[input.model]?.some((builtin) => builtin.name === name || builtin.fullName === name)) throw taken();
  const row = await platform.database.transaction(async (tx) => {
    const inserted = await data.insertDataAttribute(tx, {
      workspaceId: actor.workspaceId,
      model: input.model,
      name,
      label: name,
      description: input.description ?? null,
      dataType,
      options,
      messengerWritable: input.messenger_writable ?? false,
      adminId: actor.teammateId,
    });
    if (!inserted) throw taken();
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'data_attribute',
      aggregateId: String(inserted.id),
      type: 'data_attribute.created',
      payload: { actor_id: actor.teammateId, data_attribute_id: inserted.id, model: inserted.model, name, data_type: dataType },
    });
    return inserted;
  });
  return toIntercomDataAttribute(row);
}

/** Standard attributes first, then the workspace's own, as Intercom lists them. */
export async function listDataAttributes(db: Executor, workspaceId: number, filter: { model?: AttributeModel; includeArchived?: boolean }) {
  const models = filter.model ? [filter.model] : attributeModels;
  const rows = await data.listDataAttributes(db, workspaceId, filter.model);
  const builtins = models.flatMap((model) => builtinAttributes[model] ?? []).map(toIntercomBuiltinAttribute);
  const custom = rows.filter((row) => filter.includeArchived || !row.archived).map(toIntercomDataAttribute);
  return { type: 'list' as const, data: [...builtins, ...custom] };
}

/** The workspace's own attributes of one model (archived included), e.g. to resolve `custom_attributes.<name>` in a search. */
export async function listCustomAttributes(db: Executor, workspaceId: number, model: AttributeModel) {
  return data.listDataAttributes(db, workspaceId, model);
}

export interface DataAttributeChanges {
  archived?: boolean;
  description?: string;
  options?: { value?: string }[];
  messenger_writable?: boolean;
}

export async function updateDataAttribute(platform: Platform, actor: Actor, id: number, changes: DataAttributeChanges) {
  const db = platform.database.orm;
  const existing = await data.findDataAttribute(db, actor.workspaceId, id);
  if (!existing) throw notFound('Data attribute');
  const patch: Parameters<typeof data.updateDataAttribute>[3] = {};
  if (changes.archived !== undefined) patch.archived = changes.archived;
  if (changes.description !== undefined) patch.description = changes.description;
  if (changes.messenger_writable !== undefined) patch.messengerWritable = changes.messenger_writable;
  if (changes.options !== undefined) {
    if (existing.dataType !== 'options') throw invalid(`options can only be set on a data attribute of data_type "options"`, 'options');
    patch.options = optionValues(changes.options);
  }
  const row = await platform.database.transaction(async (tx) => {
    const updated = await data.updateDataAttribute(tx, actor.workspaceId, id, patch);
    if (!updated) throw notFound('Data attribute');
    await appendEvent(tx, {
      workspaceId: actor.workspaceId,
      aggregateType: 'data_attribute',
      aggregateId: String(id),
      type: 'data_attribute.updated',
      payload: { actor_id: actor.teammateId, data_attribute_id: id, changes: Object.keys(changes) },
    });
    return updated;
  });
  return toIntercomDataAttribute(row);
}

function optionValues(options: { value?: string }[] | undefined): string[] {
  if (!Array.isArray(options)) throw invalid("Options isn't an array", 'options');
  const values = options.map((option) => (typeof option?.value === 'string' ? option.value.trim() : ''));
  if (values.some((value) => !value)) throw invalid('Every option needs a non-empty "value"', 'options');
  const unique = [...new Set(values)];
  if (unique.length < 2) throw invalid('A list attribute needs at least two different options', 'options');
  return unique;
}
