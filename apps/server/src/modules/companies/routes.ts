import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { attachContact, detachContact } from './company-contacts.ts';
import { companyUpdateInput, companyUpsertInput } from './company-input.ts';
import { intercomContactOffsetList } from '../contacts/intercom-contact.ts';
import {
  intercomCompany,
  intercomCompanyDeleted,
  intercomCompanyList,
  intercomCompanyScroll,
  intercomContactCompanyList,
  toIntercomCompanyDeleted,
} from './intercom-company.ts';
import { companiesOfContact, contactsOfCompany, listCompanies, type NextUrl, retrieveCompanies, scrollCompanies } from './list-companies.ts';
import { loadIntercomCompany } from './service.ts';
import { deleteCompany, updateCompany, upsertCompany } from './write-company.ts';

const tags = ['Companies'];
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const page = Type.Optional(Type.Integer({ minimum: 1 }));
const perPage = Type.Optional(Type.Integer({ minimum: 1, maximum: 150 }));
const company = { 200: intercomCompany };

/** Intercom's REST API for companies, under `/api`. */
export const companiesRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;
  const load = async (workspaceId: number, id: string) => {
    const company = await loadIntercomCompany(db, workspaceId, id);
    if (!company) throw notFound('Company');
    return company;
  };
  const nextUrl =
    (path: string, extra: Record<string, string | undefined> = {}): NextUrl =>
    (nextPage, size) => {
      const params = new URLSearchParams({ page: String(nextPage), per_page: String(size) });
      for (const [key, value] of Object.entries(extra)) if (value !== undefined) params.set(key, value);
      return `${platform.config.publicUrl}/api${path}?${params}`;
    };

  app.post('/companies', { schema: { tags, summary: 'Create or update a company (keyed on company_id)', body: companyUpsertInput, response: company } }, async (request) => {
    const actor = actorOf(request);
    const row = await upsertCompany(platform, actor.workspaceId, actor.teammateId, request.body);
    return load(actor.workspaceId, row.id);
  });

  app.get(
    '/companies',
    {
      schema: {
        tags,
        summary: 'Find a company by company_id or name, or list companies (by tag)',
        querystring: Type.Object({
          company_id: Type.Optional(Type.String()),
          name: Type.Optional(Type.String()),
          tag_id: Type.Optional(Type.String()),
          segment_id: Type.Optional(Type.String()),
          page,
          per_page: perPage,
        }),
        response: { 200: Type.Union([intercomCompany, intercomCompanyList]) },
      },
    },
    async (request) => {
      const { company_id, name, tag_id, segment_id, page: pageNumber, per_page } = request.query;
      return retrieveCompanies(
        db,
        actorOf(request).workspaceId,
        { companyId: company_id, name, tagId: tag_id, segmentId: segment_id, page: pageNumber, perPage: per_page },
        nextUrl('/companies', { tag_id }),
      );
    },
  );

  app.post(
    '/companies/list',
    {
      schema: {
        tags,
        summary: 'List companies (offset pagination)',
        querystring: Type.Object({ page, per_page: perPage, order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])) }),
        response: { 200: intercomCompanyList },
      },
    },
    async (request) => {
      const { page: pageNumber, per_page, order } = request.query;
      return listCompanies(db, actorOf(request).workspaceId, { page: pageNumber, perPage: per_page, order }, nextUrl('/companies/list', { order }));
    },
  );

  app.get(
    '/companies/scroll',
    {
      schema: {
        tags,
        summary: 'Scroll through every company',
        querystring: Type.Object({ scroll_param: Type.Optional(Type.String()) }),
        response: { 200: intercomCompanyScroll },
      },
    },
    async (request) => scrollCompanies(db, actorOf(request).workspaceId, request.query.scroll_param),
  );

  app.get('/companies/:id', { schema: { tags, summary: 'Get a company', params: idParams, response: company } }, async (request) => load(actorOf(request).workspaceId, request.params.id));

  app.put('/companies/:id', { schema: { tags, summary: 'Update a company', params: idParams, body: companyUpdateInput, response: company } }, async (request) => {
    const actor = actorOf(request);
    await updateCompany(platform, actor.workspaceId, actor.teammateId, request.params.id, request.body);
    return load(actor.workspaceId, request.params.id);
  });

  app.delete('/companies/:id', { schema: { tags, summary: 'Delete a company', params: idParams, response: { 200: intercomCompanyDeleted } } }, async (request) => {
    const actor = actorOf(request);
    return toIntercomCompanyDeleted(await deleteCompany(platform, actor.workspaceId, actor.teammateId, request.params.id));
  });

  app.get(
    '/companies/:id/contacts',
    {
      schema: {
        tags,
        summary: "List a company's contacts",
        params: idParams,
        querystring: Type.Object({ page, per_page: perPage }),
        response: { 200: intercomContactOffsetList },
      },
    },
    async (request) =>
      contactsOfCompany(
        db,
        actorOf(request).workspaceId,
        request.params.id,
        { page: request.query.page, perPage: request.query.per_page },
        nextUrl(`/companies/${encodeURIComponent(request.params.id)}/contacts`),
      ),
  );

  app.post(
    '/contacts/:id/companies',
    {
      schema: {
        tags,
        summary: 'Attach a contact to a company',
        params: idParams,
        body: Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        response: company,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const company = await attachContact(platform, actor.workspaceId, actor.teammateId, request.params.id, request.body.id);
      return load(actor.workspaceId, company.id);
    },
  );

  app.delete(
    '/contacts/:id/companies/:company_id',
    {
      schema: {
        tags,
        summary: 'Detach a contact from a company',
        params: Type.Object({ id: Type.String({ minLength: 1 }), company_id: Type.String({ minLength: 1 }) }),
        response: company,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const company = await detachContact(platform, actor.workspaceId, actor.teammateId, request.params.id, request.params.company_id);
      return load(actor.workspaceId, company.id);
    },
  );

  app.get(
    '/contacts/:id/companies',
    {
      schema: {
        tags,
        summary: "List a contact's companies",
        params: idParams,
        querystring: Type.Object({ page, per_page: perPage }),
        response: { 200: intercomContactCompanyList },
      },
    },
    async (request) =>
      companiesOfContact(
        db,
        actorOf(request).workspaceId,
        request.params.id,
        { page: request.query.page, perPage: request.query.per_page },
        nextUrl(`/contacts/${encodeURIComponent(request.params.id)}/companies`),
      ),
  );
};
