import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** Intercom's REST API for data-events, under `/api`. */
export const dataEventsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
