import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Platform } from '../../platform/platform.ts';

/** The Messenger's scripts and frame: `/widget/:app_id`, `/messenger.js`, `/messenger/frame`. */
export const widgetRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (_app, { platform: _platform }) => {};
