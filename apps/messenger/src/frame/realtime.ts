import type { ClientFrame, ServerFrame } from '@frontdesk/api-types';

export const pingEveryMs = 25_000;
const firstRetryMs = 500;
const lastRetryMs = 30_000;

/** Exponential backoff with jitter: about 0.5 s, 1 s, 2 s … up to 30 s, each between half and all of it. */
export function retryDelay(attempt: number, random = Math.random): number {
  const ceiling = Math.min(lastRetryMs, firstRetryMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

interface SocketLike {
  readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number): void;
}

export interface RealtimeOptions {
  url: () => string;
  onFrame: (frame: ServerFrame) => void;
  /**
   * Sockets keep closing before `ready`: the token may have expired or been refused at the upgrade
   * (browsers report that only as 1006), so the caller fetches a fresh one.
   */
  onRefused: () => void;
  createSocket?: (url: string) => SocketLike;
}

/**
 * The visitor's one socket to `/realtime`. It remembers, per conversation, the last sequence number
 * seen, and after every reconnect subscribes again from there, so nothing is missed or repeated
 * (the caller still dedupes parts by id, as the server may resend the last one).
 */
export class Realtime {
  private socket: SocketLike | null = null;
  private readonly subscriptions = new Map<string, number>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;
  private awaitingPong = false;
  private closed = false;
  private ready = false;
  private refusals = 0;

  constructor(private readonly options: RealtimeOptions) {}

  connect(): void {
    this.closed = false;
    if (this.socket) return;
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
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = () => this.dropped(socket);
    socket.onerror = () => socket.close();
  }

  /** Follows a conversation from `after` (a larger number already seen is kept). */
  subscribe(conversationId: string, after: number): void {
    const known = this.subscriptions.get(conversationId);
    if (known !== undefined && known >= after) return;
    this.subscriptions.set(conversationId, after);
    if (known === undefined) this.send({ type: 'subscribe', conversation_id: conversationId, after });
  }

  /** Subscribes again from `after` even if a larger number was seen (after a `reset`, for one). */
  resubscribe(conversationId: string, after: number): void {
    this.subscriptions.set(conversationId, after);
    this.send({ type: 'subscribe', conversation_id: conversationId, after });
  }

  unsubscribe(conversationId: string): void {
    if (this.subscriptions.delete(conversationId)) this.send({ type: 'unsubscribe', conversation_id: conversationId });
  }

  /** Stops following every conversation (the visitor became someone else). */
  unsubscribeAll(): void {
    for (const conversationId of [...this.subscriptions.keys()]) this.unsubscribe(conversationId);
  }

  lastSeq(conversationId: string): number | undefined {
    return this.subscriptions.get(conversationId);
  }

  send(frame: ClientFrame): void {
    if (this.ready && this.socket?.readyState === 1) this.socket.send(JSON.stringify(frame));
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000);
  }

  private receive(data: unknown): void {
    let frame: ServerFrame;
    try {
      frame = JSON.parse(String(data)) as ServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'ready') {
      this.ready = true;
      this.attempt = 0;
      this.refusals = 0;
      this.startPings();
      for (const [conversationId, after] of this.subscriptions) this.send({ type: 'subscribe', conversation_id: conversationId, after });
    } else if (frame.type === 'pong') {
      this.awaitingPong = false;
    } else if (frame.type === 'event' && this.subscriptions.has(frame.conversation_id)) {
      const seen = this.subscriptions.get(frame.conversation_id) ?? 0;
      if (frame.seq <= seen && frame.name !== 'conversation.created') return;
      this.subscriptions.set(frame.conversation_id, Math.max(seen, frame.seq));
    }
    this.options.onFrame(frame);
  }

  private startPings(): void {
    clearInterval(this.pingTimer);
    this.awaitingPong = false;
    this.pingTimer = setInterval(() => {
      // No pong since the last ping: the connection is dead even if the browser has not noticed.
      if (this.awaitingPong) this.socket?.close(4000);
      else {
        this.awaitingPong = true;
        this.send({ type: 'ping' });
      }
    }, pingEveryMs);
  }

  private dropped(socket: SocketLike): void {
    if (socket !== this.socket) return;
    const wasReady = this.ready;
    this.socket = null;
    this.ready = false;
    clearInterval(this.pingTimer);
    if (this.closed) return;
    if (!wasReady && ++this.refusals >= 2) this.options.onRefused();
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), retryDelay(this.attempt++));
  }
}
