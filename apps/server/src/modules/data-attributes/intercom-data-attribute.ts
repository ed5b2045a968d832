import { Type } from 'typebox';
import type { BuiltinAttribute } from './builtin-attributes.ts';
import type { DataAttributeRow } from './data.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const intercomDataAttribute = Type.Object({
  type: Type.Literal('data_attribute'),
  id: nullable(Type.Integer()),
  model: Type.String(),
  name: Type.String(),
  full_name: Type.String(),
  label: Type.String(),
  description: nullable(Type.String()),
  data_type: Type.String(),
  options: nullable(Type.Array(Type.String())),
  api_writable: Type.Boolean(),
  messenger_writable: Type.Boolean(),
  ui_writable: Type.Boolean(),
  custom: Type.Boolean(),
  archived: Type.Boolean(),
  created_at: nullable(Type.Integer()),
  updated_at: nullable(Type.Integer()),
  admin_id: nullable(Type.String()),
});

export const intercomDataAttributeList = Type.Object({ type: Type.Literal('list'), data: Type.Array(intercomDataAttribute) });

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** The Intercom `data_attribute` shape of a workspace's own attribute. */
export function toIntercomDataAttribute(row: DataAttributeRow) {
  return {
    type: 'data_attribute' as const,
    id: row.id,
    model: row.model,
    name: row.name,
    full_name: `custom_attributes.${row.name}`,
    label: row.label,
    description: row.description,
    data_type: row.dataType,
    options: Array.isArray(row.options) ? (row.options as string[]) : null,
    api_writable: true,
    messenger_writable: row.messengerWritable,
    ui_writable: true,
    custom: true,
    archived: row.archived,
    created_at: seconds(row.createdAt),
    updated_at: seconds(row.updatedAt),
    admin_id: row.adminId === null ? null : String(row.adminId),
  };
}

/** The Intercom `data_attribute` shape of a standard attribute (no id: it is not stored). */
export function toIntercomBuiltinAttribute(attribute: BuiltinAttribute) {
  return {
    type: 'data_attribute' as const,
    id: null,
    model: attribute.model,
    name: attribute.name,
    full_name: attribute.fullName,
    label: attribute.label,
    description: attribute.description,
    data_type: attribute.dataType,
    options: null,
    api_writable: attribute.apiWritable,
    messenger_writable: false,
    ui_writable: false,
    custom: false,
    archived: false,
    created_at: null,
    updated_at: null,
    admin_id: null,
  };
}
