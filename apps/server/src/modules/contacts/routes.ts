import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** Intercom's REST API for contacts, under `/api`. */
export const contactsRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
