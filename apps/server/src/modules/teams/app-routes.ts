import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** The Inbox's management of teams, under `/app-api` (session-authenticated). */
export const teamsAppRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
