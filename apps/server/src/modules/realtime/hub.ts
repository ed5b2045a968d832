import type { StoredEvent } from '../../platform/events/outbox.ts';
import type { Platform } from '../../platform/platform.ts';
import { type ChangeResult, onConversationChanges } from '../conversations/service.ts';
import { findTeammates } from '../teammates/accounts.ts';
import type { Client } from './client.ts';
import * as data from './data.ts';
import { buildFrames, previewFrames, type StreamFrame } from './frames.ts';

/** What travels on a workspace's pub/sub channel: numbered frames, or an ephemeral signal. */
type ChannelMessage =
  | { frames: StreamFrame[] }
  | { previews: StreamFrame[]; at: number }
  | { signal: { kind: 'typing' | 'viewing'; conversationId: string; author: { type: 'admin' | 'user' | 'lead'; id: string; name: string | null }; from: string } };

/** A page of the teammate stream read when a gap is found. */
const gapPage = 500;
/** Previews older than this are dropped (see receive). */
const previewLifetimeMs = 1000;
/** Frames of this node's own changes kept for the realtime consumer (see framesOf). */
const ownFramesKept = 5000;

/**
 * One node's side of realtime: the sockets connected here, grouped by workspace, and one pub/sub
 * subscription per workspace that has any. The realtime consumer publishes numbered frames; each node
 * delivers them in stream order, and when a number is missing (a message lost while Redis was away,
 * a publisher that crashed after committing) reads the gap from the database — the source of truth —
 * before going on. A poll of the stream heads every second finds gaps no later message reveals.
 */
export class RealtimeHub {
  private readonly workspaces = new Map<number, WorkspaceChannel>();
  private readonly poller: NodeJS.Timeout;

  /** Teammates' names for previews (a rename shows in previews within a minute). */
  private readonly names = new Map<string, { name: string | null; at: number }>();

  /** Frames of changes made on this node, by event, until the realtime consumer numbers them. */
  private readonly ownFrames = new Map<string, StreamFrame>();

  /** Work under way that reads the database or publishes (previews, head polls, the consumer's publishes). */
  private readonly working = new Set<Promise<unknown>>();

  constructor(private readonly platform: Platform) {
    this.poller = setInterval(() => void this.track(this.pollHeads()), 1000);
    this.poller.unref();
    onConversationChanges(platform.database, (results) => {
      void this.track(this.preview(results).catch((error) => platform.log.warn({ err: error }, 'realtime: publishing previews failed')));
    });
  }

  /** Keeps `work` until it settles: close() lets it finish, so it never meets a closed database. */
  track<T>(work: Promise<T>): Promise<T> {
    this.working.add(work);
    const forget = () => void this.working.delete(work);
    work.then(forget, forget);
    return work;
  }

  /**
   * The fast path: a change on this node is published the moment it commits, before the realtime
   * consumer numbers it (that takes another transaction). Sockets take a preview only where it cannot
   * break their order (see Client.preview); the numbered frame that follows is then not sent again.
   */
  private async preview(results: ChangeResult[]): Promise<void> {
    const adminIds = new Set<string>();
    for (const result of results) for (const part of result.parts) if (part.authorType === 'admin' && part.authorId) adminIds.add(part.authorId);
    const missing = [...adminIds].filter((id) => (this.names.get(id)?.at ?? 0) < Date.now() - 60_000);
    if (missing.length) {
      const found = await findTeammates(this.platform.database.orm, missing.map(Number));
      for (const teammate of found) this.names.set(String(teammate.id), { name: teammate.name, at: Date.now() });
    }
    const frames = previewFrames(results, (id) => this.names.get(id)?.name ?? null);
    for (const frame of frames) {
      if (this.ownFrames.size >= ownFramesKept) this.ownFrames.delete(this.ownFrames.keys().next().value as string);
      this.ownFrames.set(eventKey(frame.workspaceId, frame.conversationId, frame.seq), frame);
    }
    const byWorkspace = new Map<number, StreamFrame[]>();
    for (const frame of frames) byWorkspace.set(frame.workspaceId, [...(byWorkspace.get(frame.workspaceId) ?? []), frame]);
    await Promise.all(
      [...byWorkspace].map(([workspaceId, list]) =>
        this.platform.pubsub.publish(this.channelName(workspaceId), JSON.stringify({ previews: list, at: Date.now() } satisfies ChannelMessage)),
      ),
    );
  }

  channelName(workspaceId: number): string {
    return `${this.platform.config.REDIS_PREFIX}:rt:${workspaceId}`;
  }

  /** The workspace's channel, subscribed and with its head read before it is returned. */
  async join(client: Client): Promise<WorkspaceChannel> {
    let channel = this.workspaces.get(client.workspaceId);
    if (!channel) {
      channel = new WorkspaceChannel(this, this.platform, client.workspaceId);
      this.workspaces.set(client.workspaceId, channel);
    }
    channel.clients.add(client);
    try {
      await channel.ready;
    } catch (error) {
      // A channel that could not subscribe (Redis or the database away) is not kept: the next socket retries.
      if (this.workspaces.get(client.workspaceId) === channel) this.workspaces.delete(client.workspaceId);
      void channel.close();
      throw error;
    }
    return channel;
  }

  leave(client: Client): void {
    const channel = this.workspaces.get(client.workspaceId);
    if (!channel) return;
    channel.remove(client);
    if (channel.clients.size === 0) {
      this.workspaces.delete(client.workspaceId);
      void channel.close();
    }
  }

  /**
   * The frames of numbered events: those of changes made on this node come from their previews (built
   * from what the change held), the others are read from the database.
   */
  async framesOf(events: (StoredEvent & { streamSeq: number })[]): Promise<StreamFrame[]> {
    const own = events.map((event) => {
      const key = eventKey(event.workspaceId, event.aggregateId, event.sequence);
      const frame = this.ownFrames.get(key);
      this.ownFrames.delete(key);
      return frame && { ...frame, streamSeq: event.streamSeq };
    });
    const missing = events.filter((_, index) => !own[index]);
    const read = missing.length ? await buildFrames(this.platform.database.orm, missing) : [];
    const byEvent = new Map(read.map((frame) => [eventKey(frame.workspaceId, frame.conversationId, frame.seq), frame]));
    return events.flatMap((event, index) => own[index] ?? byEvent.get(eventKey(event.workspaceId, event.aggregateId, event.sequence)) ?? []);
  }

  /** Called by the realtime consumer once its batch has committed. */
  async publish(frames: StreamFrame[]): Promise<void> {
    const byWorkspace = new Map<number, StreamFrame[]>();
    for (const frame of frames) {
      const list = byWorkspace.get(frame.workspaceId) ?? [];
      list.push(frame);
      byWorkspace.set(frame.workspaceId, list);
    }
    await Promise.all(
      [...byWorkspace].map(([workspaceId, list]) =>
        this.platform.pubsub.publish(this.channelName(workspaceId), JSON.stringify({ frames: list } satisfies ChannelMessage)),
      ),
    );
  }

  /** Typing and viewing: ephemeral, never stored, best effort. */
  async signal(workspaceId: number, signal: Extract<ChannelMessage, { signal: unknown }>['signal']): Promise<void> {
    await this.platform.pubsub.publish(this.channelName(workspaceId), JSON.stringify({ signal } satisfies ChannelMessage));
  }

  private async pollHeads(): Promise<void> {
    if (this.workspaces.size === 0) return;
    try {
      const heads = await data.streamHeads(this.platform.database.orm, [...this.workspaces.keys()]);
      for (const [workspaceId, head] of heads) this.workspaces.get(workspaceId)?.catchUpTo(head);
    } catch (error) {
      this.platform.log.warn({ err: error }, 'realtime: reading stream heads failed');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.poller);
    await Promise.all([...this.workspaces.values()].map((channel) => channel.close()));
    this.workspaces.clear();
    while (this.working.size) await Promise.allSettled([...this.working]);
  }
}

const eventKey = (workspaceId: number, conversationId: string, seq: number) => `${workspaceId}:${conversationId}:${seq}`;

/** A workspace's sockets on this node and its place in the teammate stream. */
export class WorkspaceChannel {
  readonly clients = new Set<Client>();
  /** Sockets subscribed to each conversation. */
  private readonly byConversation = new Map<string, Set<Client>>();
  /** Visitor sockets by contact: they hear of conversations a teammate starts with them. */
  private readonly byContact = new Map<string, Set<Client>>();
  /** Teammate sockets following the whole inbox. */
  readonly inbox = new Set<Client>();
  /** The last teammate-stream number delivered here. */
  private head = 0;
  /** Frames are handled one message at a time, in order (gap reads are asynchronous). */
  private queue: Promise<void>;
  readonly ready: Promise<void>;
  private unsubscribe: (() => Promise<void>) | undefined;
  private closed = false;

  constructor(
    hub: RealtimeHub,
    private readonly platform: Platform,
    readonly workspaceId: number,
  ) {
    // Subscribe first, then read the head: whatever commits after the read arrives on the channel.
    this.ready = (async () => {
      this.unsubscribe = await platform.pubsub.subscribe(hub.channelName(workspaceId), (message) => this.receive(message));
      this.head = (await data.streamHeads(platform.database.orm, [workspaceId])).get(workspaceId) ?? 0;
    })();
    this.queue = this.ready.catch(() => {});
  }

  watchConversation(client: Client, conversationId: string): void {
    const set = this.byConversation.get(conversationId) ?? new Set();
    set.add(client);
    this.byConversation.set(conversationId, set);
  }

  unwatchConversation(client: Client, conversationId: string): void {
    const set = this.byConversation.get(conversationId);
    set?.delete(client);
    if (set?.size === 0) this.byConversation.delete(conversationId);
  }

  watchContact(client: Client, contactId: string): void {
    const set = this.byContact.get(contactId) ?? new Set();
    set.add(client);
    this.byContact.set(contactId, set);
  }

  remove(client: Client): void {
    this.clients.delete(client);
    this.inbox.delete(client);
    for (const conversationId of client.conversationIds()) this.unwatchConversation(client, conversationId);
    if (client.contactId) {
      const set = this.byContact.get(client.contactId);
      set?.delete(client);
      if (set?.size === 0) this.byContact.delete(client.contactId);
    }
  }

  private receive(message: string): void {
    let parsed: ChannelMessage;
    try {
      parsed = JSON.parse(message) as ChannelMessage;
    } catch {
      return;
    }
    if ('signal' in parsed) {
      this.deliverSignal(parsed.signal);
      return;
    }
    if ('previews' in parsed) {
      // A preview held up (Redis queues commands while it reconnects) is stale: the numbered frame has it.
      if (Date.now() - parsed.at > previewLifetimeMs) return;
      for (const frame of parsed.previews) this.deliverPreview(frame);
      return;
    }
    this.enqueue(async () => {
      for (const frame of parsed.frames) {
        if (frame.streamSeq === undefined || frame.streamSeq <= this.head) continue;
        if (frame.streamSeq > this.head + 1) await this.readGap(frame.streamSeq - 1);
        if (frame.streamSeq <= this.head) continue;
        this.head = frame.streamSeq;
        this.deliver(frame);
      }
    });
  }

  /** The database says the stream reached `head`: read what this node has not seen. */
  catchUpTo(head: number): void {
    if (head <= this.head) return;
    this.enqueue(() => this.readGap(head));
  }

  private enqueue(work: () => Promise<void>): void {
    if (this.closed) return;
    this.queue = this.queue.then(work).catch((error) => this.platform.log.warn({ err: error, workspaceId: this.workspaceId }, 'realtime: delivering failed'));
  }

  private async readGap(until: number): Promise<void> {
    while (this.head < until) {
      const events = await data.streamEventsAfter(this.platform.database.orm, this.workspaceId, this.head, Math.min(gapPage, until - this.head));
      if (events.length === 0) {
        // The numbers are gone (pruned) or not visible yet: skip what cannot be read; clients resume by their own numbers.
        this.head = until;
        return;
      }
      for (const frame of await buildFrames(this.platform.database.orm, events)) {
        if (frame.streamSeq === undefined || frame.streamSeq <= this.head) continue;
        this.head = frame.streamSeq;
        this.deliver(frame);
      }
    }
  }

  private deliver(frame: StreamFrame): void {
    const targets = new Set<Client>(this.byConversation.get(frame.conversationId));
    for (const client of this.inbox) targets.add(client);
    if (frame.name === 'conversation.created' && frame.visitorVisible) {
      for (const contactId of frame.conversation?.contact_ids ?? []) for (const client of this.byContact.get(contactId) ?? []) targets.add(client);
    }
    const encoded = new Map<string, string>();
    for (const client of targets) client.offer(frame, encoded);
  }

  private deliverPreview(frame: StreamFrame): void {
    const targets = new Set<Client>(this.byConversation.get(frame.conversationId));
    for (const client of this.inbox) targets.add(client);
    const encoded = new Map<string, string>();
    for (const client of targets) client.preview(frame, encoded);
  }

  private deliverSignal(signal: Extract<ChannelMessage, { signal: unknown }>['signal']): void {
    const frame = JSON.stringify({ type: signal.kind, conversation_id: signal.conversationId, author: signal.author });
    for (const client of this.byConversation.get(signal.conversationId) ?? []) {
      if (client.id === signal.from) continue;
      // Visitors see teammates typing; teammates see everyone (the collision indicator).
      if (client.kind === 'visitor' && (signal.kind !== 'typing' || signal.author.type !== 'admin')) continue;
      client.sendText(frame);
    }
  }

  /** Stops receiving; a gap read under way finishes first (it reads the database). */
  async close(): Promise<void> {
    this.closed = true;
    await this.ready.catch(() => {});
    await this.unsubscribe?.().catch(() => {});
    await this.queue;
  }
}
