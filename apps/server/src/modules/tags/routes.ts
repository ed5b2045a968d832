import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** Intercom's REST API for tags, under `/api`. */
export const tagsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
