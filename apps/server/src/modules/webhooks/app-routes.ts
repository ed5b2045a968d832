import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** The Inbox's management of webhooks, under `/app-api` (session-authenticated). */
export const webhooksAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
