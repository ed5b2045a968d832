import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** Intercom's REST API for notes, under `/api`. */
export const notesRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, _options) => {};
