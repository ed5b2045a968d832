import type { ClientFrame, ServerFrame } from '@frontdesk/api-types';

export type RealtimeStatus = 'connecting' | 'open' | 'closed';
export type FrameListener = (frame: ServerFrame) => void;

export const pingEveryMs = 25_000;
/** A pong later than this after a ping means the connection is dead even if the browser has not noticed. */
export const pongDeadlineMs = 10_000;
const firstRetryMs = 500;
const lastRetryMs = 30_000;

/** Exponential backoff with jitter: about 0.5 s, 1 s, 2 s … up to 30 s, each between half and all of it. */
export function retryDelay(attempt: number, random = Math.random): number {
  const ceiling = Math.min(lastRetryMs, firstRetryMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

export interface SocketLike {
  readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}

export interface ConnectionOptions {
  url: () => string;
  onStatus: (status: RealtimeStatus) => void;
  createSocket?: (url: string) => SocketLike;
  timers?: { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
}

/** One subscriber of a conversation, with the last number it was given (it may have joined late). */
interface ConversationListener {
  last: number;
  onFrame: FrameListener;
}

/** A conversation this tab follows: the highest number the socket delivered, and who listens. */
interface ConversationFollow {
  last: number;
  listeners: Set<ConversationListener>;
}

const open = 1;
/** Repeats older than this many events of one conversation are not expected. */
const seqWindow = 200;
const maxRememberedConversations = 5000;

/**
 * The teammate's one socket to `/realtime`. It remembers each conversation's last `seq` and the inbox
 * stream's last `stream_seq`, and after every reconnect subscribes again from there, so a dropped
 * connection loses nothing; each subscriber only gets numbers it has not seen.
 */
export class RealtimeConnection {
  private socket: SocketLike | null = null;
  private ready = false;
  private stopped = true;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setTimeout> | undefined;
  private pongTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly conversations = new Map<string, ConversationFollow>();
  private readonly inboxListeners = new Set<FrameListener>();
  /** The inbox stream's last number, once someone subscribed to it (null: not followed). */
  private inboxAfter: number | null = null;
  /** Per conversation, the event numbers the inbox was given lately (to drop repeats). */
  private readonly inboxSeen = new Map<string, { max: number; recent: Set<number> }>();
  private status: RealtimeStatus = 'connecting';

  constructor(private readonly options: ConnectionOptions) {}

  private get timers() {
    return this.options.timers ?? { setTimeout: globalThis.setTimeout.bind(globalThis), clearTimeout: globalThis.clearTimeout.bind(globalThis) };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.timers.clearTimeout(this.retryTimer);
    this.stopPings();
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    socket?.close(1000);
    this.setStatus('closed');
  }

  /** Follows a conversation from `after`; the returned function stops (the last one unsubscribes). */
  subscribeConversation(conversationId: string, after: number, onFrame: FrameListener): () => void {
    const listener: ConversationListener = { last: after, onFrame };
    let follow = this.conversations.get(conversationId);
    const needsSubscribe = !follow || after < follow.last;
    if (!follow) {
      follow = { last: after, listeners: new Set() };
      this.conversations.set(conversationId, follow);
    }
    follow.listeners.add(listener);
    // A late subscriber that knows less than the socket asks again from its number; the others skip repeats.
    if (needsSubscribe) {
      follow.last = Math.min(follow.last, after);
      this.sendNow({ type: 'subscribe', conversation_id: conversationId, after });
    }
    return () => {
      const current = this.conversations.get(conversationId);
      if (!current?.listeners.delete(listener) || current.listeners.size > 0) return;
      this.conversations.delete(conversationId);
      this.sendNow({ type: 'unsubscribe', conversation_id: conversationId });
    };
  }

  /** Receives the teammate stream's frames (and inbox `reset`s); following starts with a `subscribe_inbox` frame. */
  onInbox(onFrame: FrameListener): () => void {
    this.inboxListeners.add(onFrame);
    return () => {
      this.inboxListeners.delete(onFrame);
    };
  }

  /**
   * Sends a frame now if the socket is ready (signals are not worth queueing). Subscriptions are
   * remembered and replayed on reconnect; the inbox is followed once, from the first number given.
   */
  send(frame: ClientFrame): void {
    if (frame.type === 'subscribe_inbox') {
      if (this.inboxAfter !== null) return;
      this.inboxAfter = frame.after;
    }
    if (frame.type === 'subscribe' && !this.conversations.has(frame.conversation_id)) {
      this.conversations.set(frame.conversation_id, { last: frame.after, listeners: new Set() });
    }
    if (frame.type === 'unsubscribe' && this.conversations.get(frame.conversation_id)?.listeners.size === 0) {
      this.conversations.delete(frame.conversation_id);
    }
    this.sendNow(frame);
  }

  /** Where the inbox stream stands (null until it is followed). */
  inboxPosition(): number | null {
    return this.inboxAfter;
  }

  private sendNow(frame: ClientFrame): void {
    if (this.ready && this.socket?.readyState === open) this.socket.send(JSON.stringify(frame));
  }

  private setStatus(status: RealtimeStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.options.onStatus(status);
  }

  private connect(): void {
    if (this.stopped || this.socket) return;
    const create = this.options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    let socket: SocketLike;
    try {
      socket = create(this.options.url());
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    this.ready = false;
    socket.onmessage = (event) => this.receive(socket, event.data);
    socket.onclose = () => this.dropped(socket);
    socket.onerror = () => socket.close();
  }

  private receive(socket: SocketLike, data: unknown): void {
    if (socket !== this.socket) return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    switch (frame.type) {
      case 'ready':
        this.ready = true;
        this.attempt = 0;
        this.setStatus('open');
        this.schedulePing();
        this.resubscribe();
        break;
      case 'pong':
        this.timers.clearTimeout(this.pongTimer);
        this.pongTimer = undefined;
        break;
      case 'event':
        this.deliverEvent(frame);
        break;
      case 'conversation_hidden':
        // The server stopped following it too; the inbox drops it from its lists.
        if (frame.stream_seq !== undefined && this.inboxAfter !== null) this.inboxAfter = Math.max(this.inboxAfter, frame.stream_seq);
        this.toInbox(frame);
        this.toConversation(frame.conversation_id, frame);
        break;
      case 'reset':
        if (frame.stream === 'inbox') this.toInbox(frame);
        else this.toConversation(frame.conversation_id, frame);
        break;
      case 'subscribed':
        if (frame.stream === 'inbox') {
          if (this.inboxAfter !== null) this.inboxAfter = Math.max(this.inboxAfter, frame.seq);
          this.toInbox(frame);
        } else this.toConversation(frame.conversation_id, frame);
        break;
      default:
        // typing, viewing, error: about one conversation.
        this.toConversation('conversation_id' in frame ? frame.conversation_id : undefined, frame);
    }
  }

  private deliverEvent(frame: Extract<ServerFrame, { type: 'event' }>): void {
    if (this.inboxAfter !== null && this.newToInbox(frame)) {
      for (const listener of [...this.inboxListeners]) listener(frame);
    }
    const follow = this.conversations.get(frame.conversation_id);
    if (!follow) return;
    follow.last = Math.max(follow.last, frame.seq);
    for (const listener of [...follow.listeners]) {
      if (frame.seq <= listener.last) continue;
      listener.last = frame.seq;
      listener.onFrame(frame);
    }
  }

  /**
   * Whether the inbox has not had this event yet. The server sends a change first as a preview (no
   * `stream_seq`), then its numbered frame only if the preview was not sent; a conversation this tab
   * follows gets each event once, numbered or not. So numbered frames at or below the stream position
   * are repeats, and otherwise each conversation's `seq` tells repeats apart.
   */
  private newToInbox(frame: Extract<ServerFrame, { type: 'event' }>): boolean {
    if (frame.stream_seq !== undefined) {
      if (this.inboxAfter !== null && frame.stream_seq <= this.inboxAfter) return false;
      this.inboxAfter = frame.stream_seq;
    }
    let seen = this.inboxSeen.get(frame.conversation_id);
    if (!seen) {
      if (this.inboxSeen.size >= maxRememberedConversations) this.inboxSeen.clear();
      seen = { max: 0, recent: new Set() };
      this.inboxSeen.set(frame.conversation_id, seen);
    }
    if (frame.seq <= seen.max - seqWindow || seen.recent.has(frame.seq)) return false;
    seen.recent.add(frame.seq);
    if (frame.seq > seen.max) {
      seen.max = frame.seq;
      for (const seq of seen.recent) if (seq <= seen.max - seqWindow) seen.recent.delete(seq);
    }
    return true;
  }

  private toInbox(frame: ServerFrame): void {
    for (const listener of [...this.inboxListeners]) listener(frame);
  }

  private toConversation(conversationId: string | undefined, frame: ServerFrame): void {
    if (!conversationId) return;
    for (const listener of [...(this.conversations.get(conversationId)?.listeners ?? [])]) listener.onFrame(frame);
  }

  private resubscribe(): void {
    if (this.inboxAfter !== null) this.sendNow({ type: 'subscribe_inbox', after: this.inboxAfter });
    for (const [conversationId, follow] of this.conversations) {
      this.sendNow({ type: 'subscribe', conversation_id: conversationId, after: follow.last });
    }
  }

  private schedulePing(): void {
    this.stopPings();
    this.pingTimer = this.timers.setTimeout(() => this.ping(), pingEveryMs);
  }

  private ping(): void {
    this.sendNow({ type: 'ping' });
    this.pongTimer ??= this.timers.setTimeout(() => this.socket?.close(4000), pongDeadlineMs);
    this.pingTimer = this.timers.setTimeout(() => this.ping(), pingEveryMs);
  }

  private stopPings(): void {
    this.timers.clearTimeout(this.pingTimer);
    this.timers.clearTimeout(this.pongTimer);
    this.pongTimer = undefined;
  }

  private dropped(socket: SocketLike): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.ready = false;
    this.stopPings();
    if (this.stopped) return;
    this.setStatus('closed');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = this.timers.setTimeout(() => {
      this.setStatus('connecting');
      this.connect();
    }, retryDelay(this.attempt++));
  }
}
