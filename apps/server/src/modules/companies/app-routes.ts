import type { CompanyProfile, CompanySummary } from '@frontdesk/api-types';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { toContactListItems } from '../contacts/contact-profile.ts';
import { contactIdsOfCompany, countContactsOfCompanies, findContactsByIds } from '../contacts/service.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import type { IntercomCompany } from './intercom-company.ts';
import { listCompanies } from './list-companies.ts';
import { findCompany, loadIntercomCompany } from './service.ts';

type AttributeValue = string | number | boolean | null;

function toCompanyProfile(company: IntercomCompany): CompanyProfile {
  return {
    id: company.id,
    company_id: company.company_id,
    name: company.name,
    plan: 'name' in company.plan ? (company.plan.name ?? null) : null,
    website: company.website,
    industry: company.industry,
    size: company.size,
    monthly_spend: company.monthly_spend,
    user_count: company.user_count,
    session_count: company.session_count,
    created_at: company.created_at,
    last_request_at: company.last_request_at,
    custom_attributes: company.custom_attributes as Record<string, AttributeValue>,
    tags: company.tags.tags.map((tag) => ({ id: tag.id, name: tag.name })),
  };
}

function toCompanySummary(company: IntercomCompany): CompanySummary {
  const { session_count: _sessions, custom_attributes: _attributes, ...summary } = toCompanyProfile(company);
  return summary;
}

const page = Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 }));
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const nextPage = (current: number, size: number, total: number) => (current * size < total ? current + 1 : null);

/** The Inbox's companies: the filtered list, a company and its contacts, under `/app-api`. */
export const companiesAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;
  app.addHook('preHandler', sessionGuard(platform));

  app.get(
    '/companies',
    {
      schema: {
        querystring: Type.Object({
          text: Type.Optional(Type.String({ maxLength: 200 })),
          tag_id: Type.Optional(Type.String({ maxLength: 20 })),
          page,
          per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
        }),
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      const { text, tag_id: tagId, page: current = 1, per_page: size = 25 } = request.query;
      const list = await listCompanies(db, workspaceId, { page: current, perPage: size, tagId, nameContains: text }, () => '');
      return {
        companies: list.data.map(toCompanySummary),
        total: list.total_count,
        page: current,
        next_page: nextPage(current, size, list.total_count),
      };
    },
  );

  app.get('/companies/:id', { schema: { params: idParams } }, async (request) => {
    const company = await loadIntercomCompany(db, actorOf(request).workspaceId, request.params.id);
    if (!company) throw notFound('Company');
    return toCompanyProfile(company);
  });

  app.get('/companies/:id/contacts', { schema: { params: idParams, querystring: Type.Object({ page }) } }, async (request) => {
    const { workspaceId } = actorOf(request);
    const company = await findCompany(db, workspaceId, request.params.id);
    if (!company) throw notFound('Company');
    const current = request.query.page ?? 1;
    const size = 25;
    const [ids, counts] = await Promise.all([
      contactIdsOfCompany(db, workspaceId, company.id, { limit: size, offset: (current - 1) * size }),
      countContactsOfCompanies(db, workspaceId, [company.id]),
    ]);
    const rows = new Map((await findContactsByIds(db, workspaceId, ids)).map((row) => [row.id, row]));
    const total = counts.get(company.id) ?? 0;
    return {
      contacts: await toContactListItems(
        db,
        workspaceId,
        ids.flatMap((id) => rows.get(id) ?? []),
      ),
      total,
      page: current,
      next_page: nextPage(current, size, total),
    };
  });
};
