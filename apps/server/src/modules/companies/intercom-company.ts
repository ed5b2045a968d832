import { type AppliedTag, toIntercomAppliedTag } from '../tags/intercom-tag.ts';
import type { CompanyRow } from './data.ts';

export interface CompanyRelations {
  workspaceIdCode: string;
  userCount: number;
  tags: AppliedTag[];
}

const seconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);

/** The Intercom `company` shape: every field present, unknown values null, `plan` `{}` when none. */
export function toIntercomCompany(row: CompanyRow, relations: CompanyRelations) {
  return {
    type: 'company' as const,
    id: row.id,
    company_id: row.companyId,
    app_id: relations.workspaceIdCode,
    name: row.name,
    plan: row.plan ? { type: 'plan', id: row.plan, name: row.plan } : {},
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
