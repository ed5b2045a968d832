import type { Mention } from './markup.ts';

export interface Draft {
  text: string;
  mentions: Mention[];
}

/** Unsent text per conversation and tab, kept while the Inbox stays open (switching conversations keeps it). */
const drafts = new Map<string, Draft>();

const keyOf = (conversationId: string, mode: 'reply' | 'note') => `${conversationId}:${mode}`;

export function readDraft(conversationId: string, mode: 'reply' | 'note'): Draft {
  return drafts.get(keyOf(conversationId, mode)) ?? { text: '', mentions: [] };
}

export function saveDraft(conversationId: string, mode: 'reply' | 'note', draft: Draft): void {
  if (draft.text === '') drafts.delete(keyOf(conversationId, mode));
  else drafts.set(keyOf(conversationId, mode), draft);
}
