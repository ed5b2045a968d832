import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** Intercom's REST API for data-attributes, under `/api`. */
export const dataAttributesRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
