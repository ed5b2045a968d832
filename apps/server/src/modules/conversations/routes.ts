import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import { intercomAppliedTag, intercomTag, toIntercomAppliedTag, toIntercomTag } from '../tags/intercom-tag.ts';
import { tagConversation, untagConversation } from './conversation-tags.ts';
import { createAdminMessage, createContactConversation } from './create-conversation.ts';
import { intercomConversationList, intercomConversationWithParts, intercomMessage } from './intercom-conversation.ts';
import { type ManageInput, manageConversation } from './manage-parts.ts';
import { attachContact, detachContact } from './participants.ts';
import { type ReplyInput, replyToConversation } from './reply.ts';
import { conversationSearchCondition } from './search-fields.ts';
import { getConversation, listIntercomConversations } from './service.ts';
import { deleteConversation, updateConversation } from './update-conversation.ts';

const tags = ['Conversations'];
const strict = { additionalProperties: false } as const;
const idParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
/** Admin and team ids are numbers here; clients send them as strings (the SDK) or integers (Intercom's examples). */
const numericRef = Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Integer({ minimum: 0 })]);
const pageSize = Type.Integer({ minimum: 1, maximum: 150 });
const body = Type.String({ maxLength: 100_000 });
const attachmentUrls = Type.Array(Type.String({ format: 'uri', maxLength: 2048 }), { maxItems: 10 });
const replyOptions = Type.Array(Type.Object({ text: Type.String({ maxLength: 255 }), uuid: Type.String({ maxLength: 64 }) }, strict), { maxItems: 20 });
const displayAs = Type.Object({ display_as: Type.Optional(Type.String({ maxLength: 20 })), include_translations: Type.Optional(Type.Boolean()) });
const contactReference = Type.Object(
  {
    intercom_user_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    user_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
    customer: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  strict,
);
const deletedConversation = Type.Object({ id: Type.String(), object: Type.Literal('conversation'), deleted: Type.Literal(true) });
const withCustomers = Type.Object({
  ...intercomConversationWithParts.properties,
  customers: Type.Array(Type.Object({ type: Type.String(), id: Type.String() })),
});

const plaintext = (query: { display_as?: string }) => query.display_as === 'plaintext';

/** Intercom's REST API for conversations and messages, under `/api`. */
export const conversationsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  const db = platform.database.orm;

  app.post(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'Create a conversation started by a contact',
        body: Type.Object(
          {
            from: Type.Object({ type: Type.Union([Type.Literal('user'), Type.Literal('lead'), Type.Literal('contact')]), id: Type.String({ minLength: 1, maxLength: 100 }) }, strict),
            body,
            created_at: Type.Optional(Type.Integer({ minimum: 0 })),
            subject: Type.Optional(Type.String({ maxLength: 255 })),
            attachment_urls: Type.Optional(attachmentUrls),
            referer: Type.Optional(Type.String({ maxLength: 2048 })),
          },
          strict,
        ),
        response: { 200: intercomMessage },
      },
    },
    async (request) => createContactConversation(platform, actorOf(request).workspaceId, request.body),
  );

  app.post(
    '/messages',
    {
      schema: {
        tags: ['Messages'],
        summary: 'Send a message from an admin to a contact (starts an admin-initiated conversation)',
        body: Type.Object(
          {
            message_type: Type.Union([Type.Literal('inapp'), Type.Literal('email'), Type.Literal('conversation')]),
            subject: Type.Optional(Type.String({ maxLength: 255 })),
            body,
            template: Type.Optional(Type.String({ maxLength: 40 })),
            from: Type.Object({ type: Type.Literal('admin'), id: numericRef }, strict),
            to: Type.Object({ type: Type.Union([Type.Literal('user'), Type.Literal('lead')]), id: Type.String({ minLength: 1, maxLength: 100 }) }, strict),
            created_at: Type.Optional(Type.Integer({ minimum: 0 })),
            create_conversation_without_contact_reply: Type.Optional(Type.Boolean()),
          },
          strict,
        ),
        response: { 200: intercomMessage },
      },
    },
    async (request) => {
      const input = request.body;
      return createAdminMessage(platform, actorOf(request).workspaceId, { ...input, message_type: input.message_type === 'email' ? 'email' : 'inapp' });
    },
  );

  app.get(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'List conversations, most recently updated first (cursor pagination, no parts)',
        querystring: Type.Object({ per_page: Type.Optional(pageSize), starting_after: Type.Optional(Type.String({ maxLength: 500 })) }),
        response: { 200: intercomConversationList },
      },
    },
    async (request) => listIntercomConversations(db, actorOf(request).workspaceId, { perPage: request.query.per_page, startingAfter: request.query.starting_after }),
  );

  app.post(
    '/conversations/search',
    {
      schema: {
        tags,
        summary: "Search conversations with Intercom's query grammar",
        body: Type.Object(
          {
            query: Type.Unknown(),
            pagination: Type.Optional(
              Type.Union([
                Type.Object({ per_page: Type.Optional(pageSize), starting_after: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])) }, strict),
                Type.Null(),
              ]),
            ),
          },
          strict,
        ),
        response: { 200: intercomConversationList },
      },
    },
    async (request) => {
      const { workspaceId } = actorOf(request);
      if (request.body.query === undefined) throw invalid('query is required', 'query');
      const where = await conversationSearchCondition(db, workspaceId, request.body.query);
      const pagination = request.body.pagination ?? {};
      return listIntercomConversations(db, workspaceId, { perPage: pagination.per_page, startingAfter: pagination.starting_after ?? undefined, where });
    },
  );

  app.get(
    '/conversations/:id',
    { schema: { tags, summary: 'Retrieve a conversation with its parts (the 500 most recent)', params: idParams, querystring: displayAs, response: { 200: intercomConversationWithParts } } },
    async (request) => getConversation(db, actorOf(request).workspaceId, request.params.id, plaintext(request.query)),
  );

  app.put(
    '/conversations/:id',
    {
      schema: {
        tags,
        summary: 'Update a conversation: title, read, custom attributes, company',
        params: idParams,
        querystring: displayAs,
        body: Type.Object(
          {
            read: Type.Optional(Type.Boolean()),
            title: Type.Optional(Type.Union([Type.String({ maxLength: 255 }), Type.Null()])),
            custom_attributes: Type.Optional(Type.Object({}, { additionalProperties: true })),
            company_id: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
          },
          strict,
        ),
        response: { 200: intercomConversationWithParts },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateConversation(platform, actor.workspaceId, actor.teammateId, request.params.id, request.body, plaintext(request.query));
    },
  );

  app.delete(
    '/conversations/:id',
    { schema: { tags, summary: 'Delete a conversation', params: idParams, response: { 200: deletedConversation } } },
    async (request) => {
      const actor = actorOf(request);
      return deleteConversation(platform, actor.workspaceId, actor.teammateId, request.params.id);
    },
  );

  app.post(
    '/conversations/:id/reply',
    {
      schema: {
        tags,
        summary: 'Reply to a conversation as an admin (comment, note, quick reply) or as a contact; the id may be "last"',
        params: idParams,
        body: Type.Object(
          {
            message_type: Type.Union([Type.Literal('comment'), Type.Literal('note'), Type.Literal('quick_reply')]),
            type: Type.Union([Type.Literal('admin'), Type.Literal('user')]),
            admin_id: Type.Optional(numericRef),
            intercom_user_id: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            user_id: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
            email: Type.Optional(Type.String({ minLength: 1, maxLength: 254 })),
            body: Type.Optional(body),
            created_at: Type.Optional(Type.Integer({ minimum: 0 })),
            attachment_urls: Type.Optional(attachmentUrls),
            reply_options: Type.Optional(replyOptions),
          },
          strict,
        ),
        response: { 200: intercomConversationWithParts },
      },
    },
    async (request) => {
      const input = request.body;
      if (input.type === 'admin' && input.admin_id === undefined) throw invalid('An admin reply needs admin_id', 'admin_id');
      if (input.type === 'user') {
        if (input.message_type !== 'comment') throw invalid('A contact can only reply with message_type "comment"', 'message_type');
        if (input.body === undefined) throw invalid('Body is required', 'body');
      }
      return replyToConversation(platform, actorOf(request).workspaceId, request.params.id, input as ReplyInput);
    },
  );

  app.post(
    '/conversations/:id/parts',
    {
      schema: {
        tags,
        summary: 'Manage a conversation: close, open, snooze or assign',
        params: idParams,
        body: Type.Object(
          {
            message_type: Type.Union([Type.Literal('close'), Type.Literal('open'), Type.Literal('snoozed'), Type.Literal('assignment')]),
            type: Type.Optional(Type.Union([Type.Literal('admin'), Type.Literal('team')])),
            admin_id: numericRef,
            assignee_id: Type.Optional(numericRef),
            body: Type.Optional(body),
            snoozed_until: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          strict,
        ),
        response: { 200: intercomConversationWithParts },
      },
    },
    async (request) => {
      const input = request.body;
      if (input.message_type === 'snoozed' && input.snoozed_until === undefined) throw invalid('Snoozing needs snoozed_until', 'snoozed_until');
      if (input.message_type === 'assignment') {
        if (input.assignee_id === undefined) throw invalid('An assignment needs assignee_id', 'assignee_id');
        if (input.type === undefined) throw invalid('An assignment needs type "admin" or "team"', 'type');
      }
      if (input.message_type === 'close' && input.type === 'team') throw invalid('Only an admin closes a conversation', 'type');
      return manageConversation(platform, actorOf(request).workspaceId, request.params.id, input as ManageInput);
    },
  );

  app.post(
    '/conversations/:id/customers',
    {
      schema: {
        tags,
        summary: 'Add a contact to a conversation',
        params: idParams,
        body: Type.Object({ admin_id: Type.Optional(numericRef), customer: contactReference }, strict),
        response: { 200: withCustomers },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return attachContact(platform, actor.workspaceId, actor.teammateId, request.params.id, request.body);
    },
  );

  app.delete(
    '/conversations/:id/customers/:contact_id',
    {
      schema: {
        tags,
        summary: 'Remove a contact from a conversation (not the last one)',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), contact_id: Type.String({ minLength: 1, maxLength: 100 }) }),
        body: Type.Object({ admin_id: numericRef }, strict),
        response: { 200: withCustomers },
      },
    },
    async (request) => detachContact(platform, actorOf(request).workspaceId, request.params.id, request.params.contact_id, request.body),
  );

  app.post(
    '/conversations/:id/tags',
    {
      schema: {
        tags,
        summary: 'Tag a conversation',
        params: idParams,
        body: Type.Object({ id: Type.String({ minLength: 1, maxLength: 20 }), admin_id: numericRef }, strict),
        response: { 200: intercomAppliedTag },
      },
    },
    async (request) => toIntercomAppliedTag(await tagConversation(platform, actorOf(request).workspaceId, request.params.id, request.body)),
  );

  app.delete(
    '/conversations/:id/tags/:tag_id',
    {
      schema: {
        tags,
        summary: 'Remove a tag from a conversation',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }), tag_id: Type.String({ minLength: 1, maxLength: 20 }) }),
        body: Type.Object({ admin_id: numericRef }, strict),
        response: { 200: intercomTag },
      },
    },
    async (request) =>
      toIntercomTag(await untagConversation(platform, actorOf(request).workspaceId, request.params.id, request.params.tag_id, request.body)),
  );
};
