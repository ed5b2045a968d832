import { Type } from 'typebox';
import { intercomOffsetPages } from '../contacts/intercom-contact.ts';
import { intercomSegment } from '../segments/intercom-segment.ts';
import { type AppliedTag, intercomAppliedTag, toIntercomAppliedTag } from '../tags/intercom-tag.ts';
import type { CompanyRow } from './data.ts';

export interface CompanyRelations {
  workspaceIdCode: string;
  userCount: number;
  tags: AppliedTag[];
}

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * The response schema of the `company` shape. It lists every field `toIntercomCompany` returns: the
 * serializer drops unlisted fields, and keeps every key of `custom_attributes` (an open object).
 */
export const intercomCompany = Type.Object({
  type: Type.Literal('company'),
  id: Type.String(),
  company_id: Type.String(),
  app_id: Type.String(),
  name: nullable(Type.String()),
  /** `{type:'plan', id, name}`, or `{}` when the company has no plan. */
  plan: Type.Object({ type: Type.Optional(Type.Literal('plan')), id: Type.Optional(Type.String()), name: Type.Optional(Type.String()) }),
  remote_created_at: nullable(Type.Integer()),
  created_at: Type.Integer(),
  updated_at: Type.Integer(),
  last_request_at: nullable(Type.Integer()),
  size: nullable(Type.Integer()),
  website: nullable(Type.String()),
  industry: nullable(Type.String()),
  monthly_spend: Type.Number(),
  session_count: Type.Integer(),
  user_count: Type.Integer(),
  custom_attributes: Type.Object({}, { additionalProperties: true }),
  tags: Type.Object({ type: Type.Literal('tag.list'), tags: Type.Array(intercomAppliedTag) }),
  segments: Type.Object({ type: Type.Literal('segment.list'), segments: Type.Array(intercomSegment) }),
});

/** `POST /companies/list` and the list form of `GET /companies`: an offset list. */
export const intercomCompanyList = Type.Object({
  type: Type.Literal('list'),
  data: Type.Array(intercomCompany),
  total_count: Type.Integer(),
  pages: intercomOffsetPages,
});

/** `GET /contacts/{id}/companies`: an offset list under `companies`. */
export const intercomContactCompanyList = Type.Object({
  type: Type.Literal('list'),
  companies: Type.Array(intercomCompany),
  total_count: Type.Integer(),
  pages: intercomOffsetPages,
});

/** `GET /companies/scroll`: `scroll_param` is left out on the final, empty page. */
export const intercomCompanyScroll = Type.Object({
  type: Type.Literal('list'),
  data: Type.Array(intercomCompany),
  pages: Type.Null(),
  total_count: Type.Integer(),
  scroll_param: Type.Optional(Type.String()),
});

export const intercomCompanyDeleted = Type.Object({ id: Type.String(), object: Type.Literal('company'), deleted: Type.Literal(true) });

const seconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);

/** The Intercom `company` shape: every field present, unknown values null, `plan` `{}` when none. */
export function toIntercomCompany(row: CompanyRow, relations: CompanyRelations) {
  return {
    type: 'company' as const,
    id: row.id,
    company_id: row.companyId,
    app_id: relations.workspaceIdCode,
    name: row.name,
    plan: row.plan ? { type: 'plan' as const, id: row.plan, name: row.plan } : {},
    remote_created_at: seconds(row.remoteCreatedAt),
    created_at: seconds(row.createdAt) as number,
    updated_at: seconds(row.updatedAt) as number,
    last_request_at: seconds(row.lastRequestAt),
    size: row.size,
    website: row.website,
    industry: row.industry,
    monthly_spend: row.monthlySpend ?? 0,
    session_count: row.sessionCount,
    user_count: relations.userCount,
    custom_attributes: (row.customAttributes ?? {}) as Record<string, unknown>,
    tags: { type: 'tag.list' as const, tags: relations.tags.map(toIntercomAppliedTag) },
    segments: { type: 'segment.list' as const, segments: [] as never[] },
  };
}

export type IntercomCompany = ReturnType<typeof toIntercomCompany>;

export function toIntercomCompanyDeleted(row: Pick<CompanyRow, 'id'>) {
  return { id: row.id, object: 'company' as const, deleted: true as const };
}
