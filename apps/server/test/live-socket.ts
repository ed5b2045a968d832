import type { ServerFrame } from '@frontdesk/api-types';
import WebSocket from 'ws';

type EventFrame = Extract<ServerFrame, { type: 'event' }>;

/** A realtime client for tests: records every frame, waits for the ones a test expects. */
export class LiveSocket {
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as ServerFrame);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  /** Opens a socket and waits for the server's `ready`. */
  static async open(baseUrl: string, auth: { visitorToken?: string; cookie?: string; origin?: string }): Promise<LiveSocket> {
    const url = new URL('/realtime', baseUrl.replace(/^http/, 'ws'));
    if (auth.visitorToken) url.searchParams.set('visitor_token', auth.visitorToken);
    const headers: Record<string, string> = {};
    if (auth.cookie) headers.cookie = auth.cookie;
    if (auth.origin) headers.origin = auth.origin;
    const ws = new WebSocket(url, { headers });
    const socket = new LiveSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_request, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
      ws.once('error', reject);
    });
    await socket.waitFor((frame) => frame.type === 'ready');
    return socket;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  events(conversationId?: string): EventFrame[] {
    return this.frames.filter((frame): frame is EventFrame => frame.type === 'event' && (!conversationId || frame.conversation_id === conversationId));
  }

  async waitFor(predicate: (frame: ServerFrame) => boolean, timeoutMs = 10_000): Promise<ServerFrame> {
    return this.waitUntil(() => this.frames.find(predicate), timeoutMs);
  }

  /** Waits until `check` returns something (re-checked on every frame). */
  async waitUntil<T>(check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames).slice(0, 2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async subscribe(conversationId: string, after: number): Promise<void> {
    this.send({ type: 'subscribe', conversation_id: conversationId, after });
    await this.waitFor((frame) => frame.type === 'subscribed' && frame.conversation_id === conversationId);
  }

  close(): void {
    this.ws.close();
  }
}
