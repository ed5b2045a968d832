import type { Executor } from '../../platform/db/database.ts';
import { findContact } from '../contacts/service.ts';
import { contactIdsOfConversations } from '../conversations/service.ts';
import { findTeammate } from '../teammates/accounts.ts';
import type { PlaceholderValues } from './placeholders.ts';

/** The conversation as placeholders need it: its id and who started it. */
export interface PlaceholderConversation {
  id: string;
  source: unknown;
}

/** The contact a reply speaks to: whoever started the conversation, else its first participant. */
async function addresseeOf(db: Executor, workspaceId: number, conversation: PlaceholderConversation) {
  const contactIds = (await contactIdsOfConversations(db, workspaceId, [conversation.id])).get(conversation.id) ?? [];
  const author = (conversation.source as { author?: { type?: string; id?: string } } | null)?.author;
  const starter = author && author.type !== 'admin' && author.id && contactIds.includes(author.id) ? author.id : contactIds[0];
  return starter === undefined ? undefined : findContact(db, workspaceId, starter);
}

/** What `{{contact.*}}`, `{{teammate.*}}` and `{{conversation.id}}` stand for when this teammate answers this conversation. */
export async function placeholderValuesFor(
  db: Executor,
  workspaceId: number,
  teammateId: number,
  conversation: PlaceholderConversation,
): Promise<PlaceholderValues> {
  const [contact, teammate] = await Promise.all([addresseeOf(db, workspaceId, conversation), findTeammate(db, teammateId)]);
  return {
    contact: contact
      ? { name: contact.name, email: contact.email, customAttributes: (contact.customAttributes ?? {}) as Record<string, unknown> }
      : null,
    teammate: teammate ? { name: teammate.name } : null,
    conversationId: conversation.id,
  };
}
