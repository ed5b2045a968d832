import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** Intercom's REST API for webhooks, under `/api`. */
export const webhooksRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
