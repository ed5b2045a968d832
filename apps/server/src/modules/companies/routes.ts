import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** Intercom's REST API for companies, under `/api`. */
export const companiesRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
