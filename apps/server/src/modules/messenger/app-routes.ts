import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MessengerSettingsUpdate } from '@frontdesk/api-types';
import { Type } from 'typebox';
import { actorOf } from '../../platform/http/auth.ts';
import { requestMeta } from '../../platform/http/session-cookies.ts';
import type { Platform } from '../../platform/platform.ts';
import { sessionGuard } from '../teammates/session-guard.ts';
import { getMessengerSettings, rotateIdentitySecret, updateMessengerSettings } from './messenger-settings.ts';

const strict = { additionalProperties: false } as const;
const optional = Type.Optional;

const officeHours = Type.Union([
  Type.Null(),
  Type.Object(
    {
      timezone: Type.String({ minLength: 1, maxLength: 64 }),
      intervals: Type.Array(Type.Object({ day: Type.Integer(), start: Type.String({ maxLength: 5 }), end: Type.String({ maxLength: 5 }) }, strict), { maxItems: 50 }),
    },
    strict,
  ),
]);

/** Types only: ranges and formats are checked by the service, with messages naming the field. */
const settingsUpdate = Type.Object(
  {
    customization: optional(
      Type.Object(
        {
          action_color: optional(Type.String({ maxLength: 64 })),
          background_color: optional(Type.String({ maxLength: 64 })),
          alignment: optional(Type.Union([Type.Literal('left'), Type.Literal('right')])),
          horizontal_padding: optional(Type.Integer()),
          vertical_padding: optional(Type.Integer()),
          hide_default_launcher: optional(Type.Boolean()),
          custom_launcher_selector: optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
          greeting: optional(Type.String({ maxLength: 1000 })),
          team_intro: optional(Type.String({ maxLength: 2000 })),
          team_name: optional(Type.String({ maxLength: 1000 })),
          team_avatar_teammate_ids: optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 100 })),
          locale: optional(Type.String({ maxLength: 10 })),
          css_variables: optional(Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 1000 }))),
          office_hours: optional(officeHours),
          reply_time: optional(Type.Union([Type.Literal('minutes'), Type.Literal('hours'), Type.Literal('day')])),
        },
        strict,
      ),
    ),
    content_safety: optional(
      Type.Object(
        {
          attachments_enabled: optional(Type.Boolean()),
          allowed_attachment_types: optional(Type.Array(Type.String({ maxLength: 255 }), { maxItems: 200 })),
          max_attachment_bytes: optional(Type.Integer()),
          redact_card_numbers: optional(Type.Boolean()),
          redaction_patterns: optional(
            Type.Array(Type.Object({ name: Type.String({ maxLength: 1000 }), pattern: Type.String({ maxLength: 1000 }) }, strict), { maxItems: 100 }),
          ),
          visitor_messages_per_minute: optional(Type.Integer()),
        },
        strict,
      ),
    ),
    identity_verification: optional(Type.Object({ enforced: Type.Boolean() }, strict)),
  },
  strict,
);

/** The Inbox's Messenger settings under `/app-api/messenger` (session-authenticated). */
export const messengerAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app, { platform }) => {
  app.addHook('preHandler', sessionGuard(platform));

  app.get('/settings', async (request) => getMessengerSettings(platform, actorOf(request)));

  app.put('/settings', { schema: { body: settingsUpdate } }, async (request) =>
    updateMessengerSettings(platform, actorOf(request), request.body as MessengerSettingsUpdate, requestMeta(request)),
  );

  app.post('/identity-secret', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    return rotateIdentitySecret(platform, actorOf(request), requestMeta(request));
  });
};
