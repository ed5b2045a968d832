import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** Intercom's REST API for segments, under `/api`. */
export const segmentsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
