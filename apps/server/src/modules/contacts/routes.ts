import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { contactInput } from './contact-input.ts';
import { createContact } from './create-contact.ts';
import { deleteContact } from './delete-contact.ts';
import { setContactArchived } from './archive-contact.ts';
import {
  intercomContact,
  intercomContactArchived,
  intercomContactDeleted,
  intercomContactList,
  toIntercomContactArchived,
  toIntercomContactDeleted,
} from './intercom-contact.ts';
import { listContacts, searchContacts } from './list-contacts.ts';
import { mergeContacts } from './merge-contacts.ts';
import { findContactByExternalId, loadIntercomContact, toIntercomContacts } from './service.ts';
import { updateContact } from './update-contact.ts';

const tags = ['Contacts'];
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });
const pageSize = Type.Integer({ minimum: 1, maximum: 150 });
const contact = { 200: intercomContact };
const contactList = { 200: intercomContactList };

/** Intercom's REST API for contacts, under `/api`. */
export const contactsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;
  const load = async (workspaceId: number, id: string) => {
    const contact = await loadIntercomContact(db, workspaceId, id);
    if (!contact) throw notFound('Contact');
    return contact;
  };

  app.post('/contacts', { schema: { tags, summary: 'Create a contact (a user or a lead)', body: contactInput, response: contact } }, async (request) => {
    const actor = actorOf(request);
    const row = await createContact(platform, actor.workspaceId, actor.teammateId, request.body);
    return load(actor.workspaceId, row.id);
  });

  app.get(
    '/contacts',
    {
      schema: {
        tags,
        summary: 'List contacts (cursor pagination)',
        querystring: Type.Object({ per_page: Type.Optional(pageSize), starting_after: Type.Optional(Type.String()), page: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: contactList,
      },
    },
    async (request) => listContacts(db, actorOf(request).workspaceId, { perPage: request.query.per_page, startingAfter: request.query.starting_after }),
  );

  app.post(
    '/contacts/search',
    {
      schema: {
        tags,
        summary: "Search contacts with Intercom's query grammar",
        body: Type.Object(
          {
            query: Type.Unknown(),
            pagination: Type.Optional(
              Type.Union([
                Type.Object(
                  { per_page: Type.Optional(pageSize), starting_after: Type.Optional(Type.Union([Type.String(), Type.Null()])) },
                  { additionalProperties: false },
                ),
                Type.Null(),
              ]),
            ),
          },
          { additionalProperties: false },
        ),
        response: contactList,
      },
    },
    async (request) => searchContacts(db, actorOf(request).workspaceId, request.body.query, request.body.pagination ?? {}),
  );

  app.post(
    '/contacts/merge',
    {
      schema: {
        tags,
        summary: 'Merge a lead into a user',
        body: Type.Object({ from: Type.String({ minLength: 1 }), into: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
        response: contact,
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await mergeContacts(platform, actor.workspaceId, actor.teammateId, request.body.from, request.body.into);
      return load(actor.workspaceId, row.id);
    },
  );

  app.get(
    '/contacts/find_by_external_id/:external_id',
    { schema: { tags, summary: 'Find a contact by external id', params: Type.Object({ external_id: Type.String({ minLength: 1 }) }), response: contact } },
    async (request) => {
      const actor = actorOf(request);
      const row = await findContactByExternalId(db, actor.workspaceId, request.params.external_id);
      if (!row) throw notFound('Contact');
      const [contact] = await toIntercomContacts(db, actor.workspaceId, [row]);
      if (!contact) throw notFound('Contact');
      return contact;
    },
  );

  app.get('/contacts/:id', { schema: { tags, summary: 'Get a contact', params: idParams, response: contact } }, async (request) =>
    load(actorOf(request).workspaceId, request.params.id),
  );

  app.put('/contacts/:id', { schema: { tags, summary: 'Update a contact', params: idParams, body: contactInput, response: contact } }, async (request) => {
    const actor = actorOf(request);
    await updateContact(platform, actor.workspaceId, actor.teammateId, request.params.id, request.body);
    return load(actor.workspaceId, request.params.id);
  });

  app.delete('/contacts/:id', { schema: { tags, summary: 'Delete a contact', params: idParams, response: { 200: intercomContactDeleted } } }, async (request) => {
    const actor = actorOf(request);
    return toIntercomContactDeleted(await deleteContact(platform, actor.workspaceId, actor.teammateId, request.params.id));
  });

  for (const [action, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post(
      `/contacts/:id/${action}`,
      {
        schema: {
          tags,
          summary: archived ? 'Archive a contact (left out of lists and searches)' : 'Unarchive a contact',
          params: idParams,
          response: { 200: intercomContactArchived },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return toIntercomContactArchived(await setContactArchived(platform, actor.workspaceId, actor.teammateId, request.params.id, archived));
      },
    );
  }
};
