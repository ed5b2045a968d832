import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** Intercom's REST API for conversations, under `/api`. */
export const conversationsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
