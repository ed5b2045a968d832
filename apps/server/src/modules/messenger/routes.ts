import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** The visitor API under `/messenger-api` (authenticated by visitor tokens) and `/files`. */
export const messengerRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, { platform: _platform }) => {};
