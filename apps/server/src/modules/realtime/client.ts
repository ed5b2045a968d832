import type { ClientFrame, ServerFrame } from '@frontdesk/api-types';
import type { WebSocket } from 'ws';
import { randomIdBytes } from '../../platform/crypto/tokens.ts';
import type { Platform } from '../../platform/platform.ts';
import { findConversation, isParticipant } from '../conversations/service.ts';
import * as data from './data.ts';
import { buildFrames, type StreamFrame, teammateFrame, visitorFrame } from './frames.ts';
import type { RealtimeHub, WorkspaceChannel } from './hub.ts';

/** Who is on the other end of a socket. */
export type Identity =
  | { kind: 'visitor'; workspaceId: number; visitorId: string }
  | { kind: 'teammate'; workspaceId: number; teammateId: number; name: string | null; seesAll: boolean; teamIds: Set<number> };

/** A stream this socket follows: the last number it was sent, and frames held while it catches up. */
interface Follow {
  last: number;
  held?: StreamFrame[];
  /** The conversation moved out of the teammate's sight while it was being resumed. */
  dropped?: boolean;
}

/**
 * An assignment is what moves a conversation out of a teammate's sight. Only then is a hidden frame
 * announced (as `conversation_hidden`, so lists drop it): other events of conversations the teammate
 * may not see say nothing at all. The frame holds the state after the change, not before, so the id
 * is told to every teammate who may not see the result (ids are opaque; every read of it answers 404).
 */
const movesOutOfSight = (frame: StreamFrame) => frame.name === 'conversation.part.created' && frame.part?.part_type === 'assignment';

/** WebSocket close codes (RFC 6455 §7.4.1). */
export const closeCodes = { goingAway: 1001, unsupportedData: 1003, invalidPayload: 1007, policy: 1008 } as const;

const resumePage = 500;
/** Previews remembered per socket at most (then forgotten: a repeat costs less than unbounded memory). */
const maxRemembered = 1000;
const limits = { visitorSubscriptions: 50, teammateSubscriptions: 200, framesPerTenSeconds: 100, signalIntervalMs: 1000 };

/**
 * One socket: its identity, what it follows, and the protocol (see ClientFrame / ServerFrame). Resuming
 * a stream sends what the database holds after the client's number, while live frames for it are held;
 * then the held frames follow, each stream deduplicated by number.
 */
export class Client {
  readonly id = randomIdBytes(9).toString('base64url');
  contactId: string | null = null;
  alive = true;
  private channel: WorkspaceChannel | undefined;
  private readonly follows = new Map<string, Follow>();
  private inboxFollow: Follow | undefined;
  private frameBudget = { windowStart: 0, count: 0 };
  /** When each kind of signal was last relayed (one of each kind a second). */
  private readonly lastSignalAt = { typing: 0, viewing: 0 };
  /** Previews sent to the inbox, by conversation, until their numbered frames arrive. */
  private previewed: Map<string, Set<number>> | undefined;
  /** The highest numbered frame sent to the inbox per conversation (bounded, see maxRemembered). */
  private numbered: Map<string, number> | undefined;
  /** Frames that arrive before the socket has joined its workspace wait for it. */
  private opened: Promise<void> | undefined;

  constructor(
    private readonly socket: WebSocket,
    private readonly identity: Identity,
    private readonly hub: RealtimeHub,
    private readonly platform: Platform,
  ) {}

  get kind(): Identity['kind'] {
    return this.identity.kind;
  }

  get workspaceId(): number {
    return this.identity.workspaceId;
  }

  conversationIds(): Iterable<string> {
    return this.follows.keys();
  }

  open(): Promise<void> {
    this.opened ??= this.join();
    return this.opened;
  }

  private async join(): Promise<void> {
    if (this.identity.kind === 'visitor') this.contactId = await data.visitorContactId(this.platform.database.orm, this.workspaceId, this.identity.visitorId);
    this.channel = await this.hub.join(this);
    if (this.contactId) this.channel.watchContact(this, this.contactId);
    this.send({ type: 'ready', stream: this.identity.kind });
  }

  closed(): void {
    this.hub.leave(this);
  }

  sendText(text: string): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(text);
  }

  private send(frame: ServerFrame): void {
    this.sendText(JSON.stringify(frame));
  }

  private close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /** A raw frame from the socket. Anything malformed closes this socket only. */
  async receive(raw: Buffer, isBinary: boolean): Promise<void> {
    this.alive = true;
    if (isBinary) return this.close(closeCodes.unsupportedData, 'binary frames are not accepted');
    const now = Date.now();
    if (now - this.frameBudget.windowStart > 10_000) this.frameBudget = { windowStart: now, count: 0 };
    if (++this.frameBudget.count > limits.framesPerTenSeconds) return this.close(closeCodes.policy, 'too many frames');
    let frame: ClientFrame;
    try {
      frame = JSON.parse(raw.toString('utf8')) as ClientFrame;
    } catch {
      return this.close(closeCodes.invalidPayload, 'frames must be JSON');
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.type !== 'string') return this.close(closeCodes.policy, 'a frame needs a type');
    await this.open();
    switch (frame.type) {
      case 'ping':
        return this.send({ type: 'pong' });
      case 'subscribe':
        if (!isConversationId(frame.conversation_id) || !isNumber(frame.after)) return this.close(closeCodes.policy, 'subscribe needs conversation_id and after');
        return this.subscribe(frame.conversation_id, frame.after);
      case 'unsubscribe':
        if (!isConversationId(frame.conversation_id)) return this.close(closeCodes.policy, 'unsubscribe needs conversation_id');
        this.follows.delete(frame.conversation_id);
        this.channel?.unwatchConversation(this, frame.conversation_id);
        return;
      case 'subscribe_inbox':
        if (!isNumber(frame.after)) return this.close(closeCodes.policy, 'subscribe_inbox needs after');
        return this.subscribeInbox(frame.after);
      case 'typing':
      case 'viewing':
        if (!isConversationId(frame.conversation_id)) return this.close(closeCodes.policy, `${frame.type} needs conversation_id`);
        return this.signal(frame.type, frame.conversation_id);
      default:
        return this.close(closeCodes.policy, `unknown frame type "${String((frame as { type: unknown }).type).slice(0, 40)}"`);
    }
  }

  private async mayFollow(conversationId: string): Promise<boolean> {
    const db = this.platform.database.orm;
    if (this.identity.kind === 'visitor') {
      // The visitor may have become a lead (first message) or a user since the socket opened.
      const contactId = await data.visitorContactId(db, this.workspaceId, this.identity.visitorId);
      if (contactId && contactId !== this.contactId) {
        this.contactId = contactId;
        this.channel?.watchContact(this, contactId);
      }
      return contactId !== null && (await isParticipant(db, this.workspaceId, conversationId, contactId));
    }
    const row = await findConversation(db, this.workspaceId, conversationId);
    return row !== undefined && this.teammateMaySee({ admin_assignee_id: row.adminAssigneeId === null ? null : String(row.adminAssigneeId), team_assignee_id: row.teamAssigneeId === null ? null : String(row.teamAssigneeId) });
  }

  private teammateMaySee(conversation: { admin_assignee_id: string | null; team_assignee_id: string | null } | undefined): boolean {
    const identity = this.identity;
    if (identity.kind !== 'teammate') return false;
    if (identity.seesAll || !conversation) return true;
    return conversation.team_assignee_id === null || conversation.admin_assignee_id === String(identity.teammateId) || identity.teamIds.has(Number(conversation.team_assignee_id));
  }

  private async subscribe(conversationId: string, after: number): Promise<void> {
    const limit = this.kind === 'visitor' ? limits.visitorSubscriptions : limits.teammateSubscriptions;
    if (!this.follows.has(conversationId) && this.follows.size >= limit) {
      return this.send({ type: 'error', code: 'too_many_subscriptions', message: `At most ${limit} conversations per socket`, conversation_id: conversationId });
    }
    if (!(await this.mayFollow(conversationId))) {
      return this.send({ type: 'error', code: 'not_found', message: 'Conversation not found', conversation_id: conversationId });
    }
    const follow: Follow = { last: after, held: [] };
    this.follows.set(conversationId, follow);
    this.channel?.watchConversation(this, conversationId);
    const db = this.platform.database.orm;
    const [oldest, head] = await Promise.all([data.oldestConversationSeq(db, this.workspaceId, conversationId), data.conversationHead(db, this.workspaceId, conversationId)]);
    // Numbers this server never handed out (a client from another install), or ones the log has pruned.
    if (after > head || (oldest !== null && oldest > after + 1 && after > 0)) this.send({ type: 'reset', conversation_id: conversationId });
    if (after > head) follow.last = head;
    for (;;) {
      const events = await data.conversationEventsAfter(db, this.workspaceId, conversationId, follow.last, resumePage);
      for (const frame of await buildFrames(db, events)) this.deliverFollowed(frame, follow);
      if (events.length < resumePage || follow.dropped) break;
    }
    const held = follow.held ?? [];
    follow.held = undefined;
    for (const frame of held) this.deliverFollowed(frame, follow);
    if (!follow.dropped) this.send({ type: 'subscribed', conversation_id: conversationId, seq: follow.last });
  }

  private async subscribeInbox(after: number): Promise<void> {
    if (this.identity.kind !== 'teammate') return this.close(closeCodes.policy, 'only teammates follow the inbox');
    const follow: Follow = { last: after, held: [] };
    this.inboxFollow = follow;
    this.channel?.inbox.add(this);
    const db = this.platform.database.orm;
    const [oldest, heads] = await Promise.all([data.oldestStreamSeq(db, this.workspaceId), data.streamHeads(db, [this.workspaceId])]);
    const head = heads.get(this.workspaceId) ?? 0;
    if (after > head || (oldest !== null && oldest > after + 1 && after > 0)) this.send({ type: 'reset', stream: 'inbox' });
    if (after > head) follow.last = head;
    for (;;) {
      const events = await data.streamEventsAfter(db, this.workspaceId, follow.last, resumePage);
      for (const frame of await buildFrames(db, events)) this.deliverInbox(frame, follow);
      if (events.length < resumePage) break;
    }
    const held = follow.held ?? [];
    follow.held = undefined;
    for (const frame of held) this.deliverInbox(frame, follow);
    this.send({ type: 'subscribed', stream: 'inbox', seq: follow.last });
  }

  private async signal(kind: 'typing' | 'viewing', conversationId: string): Promise<void> {
    if (!this.follows.has(conversationId)) return this.send({ type: 'error', code: 'not_subscribed', message: `Subscribe to the conversation before sending ${kind}`, conversation_id: conversationId });
    if (kind === 'viewing' && this.identity.kind !== 'teammate') return;
    const now = Date.now();
    if (now - this.lastSignalAt[kind] < limits.signalIntervalMs) return;
    this.lastSignalAt[kind] = now;
    const identity = this.identity;
    const author =
      identity.kind === 'teammate'
        ? { type: 'admin' as const, id: String(identity.teammateId), name: identity.name }
        : { type: 'user' as const, id: this.contactId ?? identity.visitorId, name: null };
    await this.hub.signal(this.workspaceId, { kind, conversationId, author, from: this.id }).catch(() => {});
  }

  /**
   * A preview (a change that has just committed, not numbered in the teammate stream yet). A followed
   * conversation takes it only as the very next number, so its order stays whole; an inbox that does
   * not follow the conversation takes it and remembers it, so the numbered frame is not sent again
   * (an inbox may then see two quick events of one conversation out of order; each carries its seq).
   */
  preview(frame: StreamFrame, encoded: Map<string, string>): void {
    const follow = this.follows.get(frame.conversationId);
    if (follow) {
      if (follow.held || frame.seq !== follow.last + 1) return;
      follow.last = frame.seq;
      if (!this.hiddenFromTeammate(frame)) {
        this.sendFrame(frame, encoded);
        return;
      }
      // Its numbered frame, finding no follow any more, must not announce it again.
      if (this.inboxFollow) this.rememberPreview(frame);
      this.hide(frame);
      return;
    }
    const inbox = this.inboxFollow;
    if (!inbox || inbox.held) return;
    const hidden = !this.teammateMaySee(frame.conversation);
    if (hidden && !movesOutOfSight(frame)) return;
    // The numbered frame can win the race (a preview waiting for a teammate's name): then it was sent.
    if ((this.numbered?.get(frame.conversationId) ?? 0) >= frame.seq) return;
    this.rememberPreview(frame);
    if (hidden) this.hide(frame);
    else this.sendFrame(frame, encoded);
  }

  /** Remembers a preview sent to the inbox, so its numbered frame is not sent again. */
  private rememberPreview(frame: StreamFrame): void {
    this.previewed ??= new Map();
    if (this.previewed.size > maxRemembered) this.previewed.clear();
    const seqs = this.previewed.get(frame.conversationId) ?? new Set<number>();
    seqs.add(frame.seq);
    this.previewed.set(frame.conversationId, seqs);
  }

  /** Remembers the highest numbered frame of a conversation sent to the inbox, while previews are in flight. */
  private noteNumbered(frame: StreamFrame): void {
    this.numbered ??= new Map();
    if (this.numbered.size > maxRemembered) this.numbered.clear();
    this.numbered.set(frame.conversationId, Math.max(frame.seq, this.numbered.get(frame.conversationId) ?? 0));
  }

  /** Whether this numbered frame was already sent to the inbox as a preview (and forgets it). */
  private wasPreviewed(frame: StreamFrame): boolean {
    const seqs = this.previewed?.get(frame.conversationId);
    if (!seqs?.delete(frame.seq)) return false;
    if (seqs.size === 0) this.previewed?.delete(frame.conversationId);
    return true;
  }

  /** A numbered frame from the channel: sent if this socket follows its conversation or the inbox, once. */
  offer(frame: StreamFrame, encoded: Map<string, string>): void {
    let send = false;
    let hide = false;
    const follow = this.follows.get(frame.conversationId);
    if (follow?.held) follow.held.push(frame);
    else if (follow && frame.seq > follow.last) {
      follow.last = frame.seq;
      if (this.hiddenFromTeammate(frame)) hide = true;
      else send = true;
    }
    const inbox = this.inboxFollow;
    if (inbox?.held) inbox.held.push(frame);
    else if (inbox && frame.streamSeq !== undefined && frame.streamSeq > inbox.last) {
      inbox.last = frame.streamSeq;
      if (!follow && !this.wasPreviewed(frame)) {
        if (this.teammateMaySee(frame.conversation)) send = true;
        else hide = movesOutOfSight(frame);
        this.noteNumbered(frame);
      }
    }
    // A visitor hears of a conversation a teammate starts with it, then subscribes.
    if (this.kind === 'visitor' && follow === undefined && frame.name === 'conversation.created') send = true;
    if (hide) this.hide(frame);
    else if (send) this.sendFrame(frame, encoded);
  }

  private deliverFollowed(frame: StreamFrame, follow: Follow): void {
    if (follow.dropped || frame.seq <= follow.last) return;
    follow.last = frame.seq;
    if (!this.hiddenFromTeammate(frame)) {
      this.sendFrame(frame, new Map());
      return;
    }
    follow.dropped = true;
    this.hide(frame);
  }

  private deliverInbox(frame: StreamFrame, follow: Follow): void {
    if (frame.streamSeq === undefined || frame.streamSeq <= follow.last) return;
    follow.last = frame.streamSeq;
    if (this.teammateMaySee(frame.conversation)) this.sendFrame(frame, new Map());
    else if (movesOutOfSight(frame)) this.hide(frame);
  }

  /** A teammate following a conversation that is no longer theirs to see (visitors' follows are checked when made). */
  private hiddenFromTeammate(frame: StreamFrame): boolean {
    return this.identity.kind === 'teammate' && !this.teammateMaySee(frame.conversation);
  }

  /** Tells the teammate the conversation left their sight, and stops following it. */
  private hide(frame: StreamFrame): void {
    if (this.follows.delete(frame.conversationId)) this.channel?.unwatchConversation(this, frame.conversationId);
    this.send({ type: 'conversation_hidden', conversation_id: frame.conversationId, ...(frame.streamSeq === undefined ? {} : { stream_seq: frame.streamSeq }) });
  }

  /** Sends the frame in this socket's form (encoded once per form per delivery). */
  private sendFrame(frame: StreamFrame, encoded: Map<string, string>): void {
    if (this.kind === 'visitor' && !frame.visitorVisible) return;
    let text = encoded.get(this.kind);
    if (!text) {
      text = JSON.stringify(this.kind === 'visitor' ? visitorFrame(frame) : teammateFrame(frame));
      encoded.set(this.kind, text);
    }
    this.sendText(text);
  }
}

const isConversationId = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
