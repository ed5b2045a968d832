import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** The Inbox's Messenger settings under `/app-api/messenger` (session-authenticated). */
export const messengerAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, { platform: _platform }) => {};
