import type { ConversationDetail } from '@frontdesk/api-types';
import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/http/auth.ts';
import type { Platform } from '../../platform/platform.ts';
import { loadDetail } from './conversation-detail.ts';
import * as data from './data.ts';
import type { Viewer } from './viewer.ts';

/** The Inbox: views and their counts, the conversation list and detail, actions, mentions, saved views. */
export { conversationDetail, visibleConversation } from './conversation-detail.ts';
export { maySee, type Viewer, viewerOf } from './viewer.ts';

/**
 * The teammate's visibility as a condition on the `conversations` table (unaliased), for other read
 * models (search); undefined when they may see every conversation.
 */
export function visibleConversationsCondition(viewer: Viewer): SQL | undefined {
  return data.visibleCondition(viewer);
}

/**
 * The answer to a change the teammate just made to a conversation they could see (a macro run): the
 * detail without checking visibility again, so handing it to another team still answers what was done.
 */
export function conversationDetailAfterChange(platform: Platform, actor: Actor, conversationId: string): Promise<ConversationDetail> {
  return loadDetail(platform.database.orm, actor.workspaceId, conversationId);
}
