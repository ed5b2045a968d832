import { Type } from 'typebox';
import type { Executor } from '../../platform/db/database.ts';
import { mergeCustomAttributes, validateCustomAttributes } from '../data-attributes/service.ts';
import type { CompanyChanges } from './data.ts';

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const companyFields = {
  name: Type.Optional(nullable(Type.String({ maxLength: 255 }))),
  plan: Type.Optional(nullable(Type.String({ maxLength: 255 }))),
  size: Type.Optional(nullable(Type.Integer({ minimum: 0 }))),
  website: Type.Optional(nullable(Type.String({ maxLength: 2048 }))),
  industry: Type.Optional(nullable(Type.String({ maxLength: 255 }))),
  monthly_spend: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 2147483647 }))),
  remote_created_at: Type.Optional(nullable(Type.Integer({ minimum: 0 }))),
  custom_attributes: Type.Optional(nullable(Type.Record(Type.String(), Type.Unknown()))),
};

/** `POST /companies`: Intercom's create-or-update request, keyed on `company_id`. */
export const companyUpsertInput = Type.Object(
  { company_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), ...companyFields },
  { additionalProperties: false },
);
/** `PUT /companies/{id}`: the same fields; `company_id` cannot change. */
export const companyUpdateInput = Type.Object(companyFields, { additionalProperties: false });

export interface CompanyInput {
  name?: string | null;
  plan?: string | null;
  size?: number | null;
  website?: string | null;
  industry?: string | null;
  monthly_spend?: number | null;
  remote_created_at?: number | null;
  custom_attributes?: Record<string, unknown> | null;
}

/** The column changes an input names; custom attributes are validated and merged into `existing`. */
export async function companyColumnsOf(db: Executor, workspaceId: number, input: CompanyInput, existing?: Record<string, unknown>): Promise<CompanyChanges> {
  const changes: CompanyChanges = {
    name: input.name,
    plan: input.plan,
    size: input.size,
    website: input.website,
    industry: input.industry,
    // Intercom keeps whole currency units only.
    monthlySpend: input.monthly_spend == null ? input.monthly_spend : Math.trunc(input.monthly_spend),
    remoteCreatedAt: input.remote_created_at == null ? input.remote_created_at : new Date(input.remote_created_at * 1000),
  };
  if (input.custom_attributes) {
    changes.customAttributes = mergeCustomAttributes(existing ?? {}, await validateCustomAttributes(db, workspaceId, 'company', input.custom_attributes));
  }
  for (const key of Object.keys(changes) as (keyof CompanyChanges)[]) if (changes[key] === undefined) delete changes[key];
  return changes;
}
