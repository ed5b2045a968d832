import type { LivePart, ServerFrame } from '@frontdesk/api-types';
import type { ConversationAnswer, MessengerConversation, UploadedAttachment } from './contract.ts';
import type { Messenger } from './messenger.ts';
import type { Realtime } from './realtime.ts';
import { textToHtml } from './sanitize.ts';

export interface Conversation {
  id: string;
  state: string;
  updated_at: number;
  unread: number;
  /** Known parts, oldest first, each once. */
  parts: LivePart[];
  /** Whether `parts` holds the whole conversation (read over HTTP), not just what arrived live. */
  loaded: boolean;
  /** When a teammate last read it (Unix seconds): the visitor's earlier messages show "Seen". */
  readAt: number;
  typing: { name: string | null; until: number } | null;
}

export interface Pending {
  key: number;
  text: string;
  conversationId: string | null;
}

const typingShownMs = 4000;
const typingEveryMs = 2000;
/** Conversations followed live besides the one on screen: enough for any realistic visitor. */
const followed = 25;

export const isVisitor = (part: LivePart) => part.author.type === 'user' || part.author.type === 'lead';

/** The visitor's conversations: loaded over HTTP, kept current by realtime frames, written by the composer. */
export class Conversations {
  readonly byId = new Map<string, Conversation>();
  realtime: Realtime | null = null;
  listed = false;
  bootUnread = 0;
  pending: Pending[] = [];
  /** A teammate's message shown beside the closed Messenger. */
  notice: { conversationId: string; part: LivePart } | null = null;
  error = '';
  private keys = 0;
  private lastTyping = new Map<string, number>();

  constructor(private readonly messenger: Messenger) {}

  /** Forgets everything: the visitor is now another person, whose conversations are not these. */
  reset(): void {
    this.realtime?.unsubscribeAll();
    this.byId.clear();
    this.pending = [];
    this.notice = null;
    this.listed = false;
  }

  /** Newest first. */
  list(): Conversation[] {
    return [...this.byId.values()].sort((a, b) => b.updated_at - a.updated_at);
  }

  unreadTotal(): number {
    if (!this.listed) return this.bootUnread;
    let total = 0;
    for (const conversation of this.byId.values()) total += conversation.unread;
    return total;
  }

  async loadList(): Promise<void> {
    const answer = await this.messenger.api.request<{ conversations: MessengerConversation[] }>('GET', '/conversations');
    for (const [index, summary] of answer.conversations.entries()) {
      const conversation = this.upsert(summary);
      conversation.unread = summary.unread_count;
      if (summary.last_part) this.addPart(conversation, summary.last_part);
      if (index < followed) this.realtime?.subscribe(summary.id, summary.seq);
    }
    this.listed = true;
    this.messenger.changed();
  }

  /** Reads a whole conversation (and follows it from the number read with it). */
  async load(id: string, force = false): Promise<void> {
    const known = this.byId.get(id);
    if (known?.loaded && !force) {
      this.markSeen(id);
      return;
    }
    try {
      const answer = await this.messenger.api.request<ConversationAnswer>('GET', `/conversations/${encodeURIComponent(id)}`);
      const conversation = this.upsert(answer.conversation);
      for (const part of answer.parts) this.addPart(conversation, part);
      conversation.loaded = true;
      conversation.unread = answer.conversation.unread_count;
      if (force) this.realtime?.resubscribe(id, answer.conversation.seq);
      else this.realtime?.subscribe(id, answer.conversation.seq);
      this.messenger.changed();
      this.markSeen(id);
    } catch (error) {
      this.error = this.messenger.errorText(error);
      this.messenger.changed();
    }
  }

  /** The visitor is looking at this conversation: its teammate messages are read. */
  markSeen(id: string): void {
    const conversation = this.byId.get(id);
    const { messenger } = this;
    const view = messenger.view;
    if (!conversation || !messenger.open || document.hidden || view.kind !== 'conversation' || view.id !== id) return;
    if (conversation.unread === 0) return;
    conversation.unread = 0;
    messenger.changed();
    messenger.api.request('POST', `/conversations/${encodeURIComponent(id)}/seen`).catch(() => undefined);
  }

  async send(text: string, attachments: UploadedAttachment[]): Promise<boolean> {
    const { messenger } = this;
    const view = messenger.view;
    const conversationId = view.kind === 'conversation' ? view.id : null;
    const pending: Pending = { key: ++this.keys, text, conversationId };
    this.pending.push(pending);
    this.error = '';
    messenger.changed();
    const body = { body: textToHtml(text), ...(attachments.length ? { attachment_ids: attachments.map((a) => a.id) } : {}) };
    try {
      if (conversationId) {
        const answer = await messenger.api.request<{ part: LivePart; conversation: MessengerConversation }>(
          'POST',
          `/conversations/${encodeURIComponent(conversationId)}/reply`,
          body,
        );
        const conversation = this.upsert(answer.conversation);
        this.addPart(conversation, answer.part);
      } else {
        const answer = await messenger.api.request<ConversationAnswer>('POST', '/conversations', body);
        const conversation = this.upsert(answer.conversation);
        for (const part of answer.parts) this.addPart(conversation, part);
        conversation.loaded = true;
        this.realtime?.subscribe(conversation.id, answer.conversation.seq);
        if (messenger.view.kind === 'new') messenger.view = { kind: 'conversation', id: conversation.id };
      }
      return true;
    } catch (error) {
      this.error = messenger.errorText(error);
      return false;
    } finally {
      this.pending = this.pending.filter((item) => item !== pending);
      messenger.changed();
    }
  }

  async upload(file: File): Promise<UploadedAttachment> {
    return this.messenger.api.request<UploadedAttachment>('POST', '/attachments', file, {
      'content-type': file.type || 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
    });
  }

  /** The visitor is typing: tell the team, at most once every 2 s. */
  typing(id: string): void {
    const now = Date.now();
    if (now - (this.lastTyping.get(id) ?? 0) < typingEveryMs) return;
    this.lastTyping.set(id, now);
    this.realtime?.send({ type: 'typing', conversation_id: id });
  }

  receive(frame: ServerFrame): void {
    if (frame.type === 'typing') {
      const conversation = this.byId.get(frame.conversation_id);
      if (!conversation || frame.author.type !== 'admin') return;
      conversation.typing = { name: frame.author.name, until: Date.now() + typingShownMs };
      setTimeout(() => this.messenger.changed(), typingShownMs + 50);
      this.messenger.changed();
    } else if (frame.type === 'reset' && frame.conversation_id) {
      void this.load(frame.conversation_id, true);
    } else if (frame.type === 'event') {
      this.event(frame);
    }
  }

  private event(frame: Extract<ServerFrame, { type: 'event' }>): void {
    const conversation = this.byId.get(frame.conversation_id);
    if (!conversation) {
      // A teammate started a conversation with this visitor.
      if (frame.name === 'conversation.created' || frame.name === 'conversation.part.created') void this.load(frame.conversation_id);
      return;
    }
    if (frame.name === 'conversation.part.created' && frame.part) this.partArrived(conversation, frame.part);
    else if (frame.name === 'conversation.read') conversation.readAt = Math.max(conversation.readAt, frame.created_at);
    else if (frame.name === 'conversation.updated' && frame.conversation?.state) conversation.state = frame.conversation.state;
    this.messenger.changed();
  }

  private partArrived(conversation: Conversation, part: LivePart): void {
    if (!this.addPart(conversation, part) || isVisitor(part)) return;
    conversation.typing = null;
    const { messenger } = this;
    const view = messenger.view;
    const watching = messenger.open && !document.hidden && view.kind === 'conversation' && view.id === conversation.id;
    conversation.unread += 1;
    if (watching) this.markSeen(conversation.id);
    else if (!messenger.open) this.notice = { conversationId: conversation.id, part };
  }

  private upsert(summary: MessengerConversation): Conversation {
    let conversation = this.byId.get(summary.id);
    if (!conversation) {
      conversation = { id: summary.id, state: summary.state, updated_at: summary.updated_at, unread: 0, parts: [], loaded: false, readAt: 0, typing: null };
      this.byId.set(summary.id, conversation);
    }
    conversation.state = summary.state;
    conversation.updated_at = Math.max(conversation.updated_at, summary.updated_at);
    return conversation;
  }

  /** Adds a part unless it is already there (the server may repeat one after a resubscribe). */
  private addPart(conversation: Conversation, part: LivePart): boolean {
    if (conversation.parts.some((known) => known.id === part.id)) return false;
    const parts = conversation.parts;
    let index = parts.length;
    while (index > 0 && (parts[index - 1]?.created_at ?? 0) > part.created_at) index--;
    parts.splice(index, 0, part);
    conversation.updated_at = Math.max(conversation.updated_at, part.created_at);
    return true;
  }
}
