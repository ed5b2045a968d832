import type { ClientFrame, ServerFrame } from '@frontdesk/api-types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pingEveryMs, Realtime, retryDelay } from './realtime.ts';

class FakeSocket {
  readyState = 0;
  sent: ClientFrame[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.({});
  }
  serve(frame: ServerFrame) {
    this.readyState = 1;
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

const part = (id: string) => ({ id, part_type: 'comment', body: '<p>hi</p>', author: { type: 'admin' as const, id: '1', name: 'Tess', avatar: null }, attachments: [], created_at: 1, redacted: false });
const event = (seq: number, id = `p${seq}`): ServerFrame => ({ type: 'event', conversation_id: 'c1', seq, name: 'conversation.part.created', created_at: 1, part: part(id) });

describe('the visitor socket', () => {
  let sockets: FakeSocket[];
  let frames: ServerFrame[];
  let refused: number;
  let realtime: Realtime;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    frames = [];
    refused = 0;
    realtime = new Realtime({
      url: () => 'ws://desk.test/realtime?visitor_token=t',
      onFrame: (frame) => frames.push(frame),
      onRefused: () => refused++,
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
    });
  });
  afterEach(() => {
    realtime.close();
    vi.useRealTimers();
  });

  it('subscribes once the server is ready, and resumes from the last number seen after a reconnect', () => {
    realtime.subscribe('c1', 4);
    realtime.connect();
    const first = sockets[0]!;
    first.serve({ type: 'ready', stream: 'visitor' });
    expect(first.sent).toEqual([{ type: 'subscribe', conversation_id: 'c1', after: 4 }]);

    first.serve(event(5));
    first.serve(event(6));
    first.serve(event(6));
    expect(frames.filter((frame) => frame.type === 'event').map((frame) => (frame as { seq: number }).seq)).toEqual([5, 6]);

    first.close();
    vi.advanceTimersByTime(1000);
    const second = sockets[1]!;
    second.serve({ type: 'ready', stream: 'visitor' });
    expect(second.sent).toEqual([{ type: 'subscribe', conversation_id: 'c1', after: 6 }]);
  });

  it('pings every 25 s and drops a socket that stopped answering', () => {
    realtime.connect();
    const socket = sockets[0]!;
    socket.serve({ type: 'ready', stream: 'visitor' });
    vi.advanceTimersByTime(pingEveryMs);
    expect(socket.sent).toEqual([{ type: 'ping' }]);
    socket.serve({ type: 'pong' });
    vi.advanceTimersByTime(pingEveryMs);
    expect(socket.sent).toHaveLength(2);
    vi.advanceTimersByTime(pingEveryMs);
    expect(socket.readyState).toBe(3);
    vi.advanceTimersByTime(1000);
    expect(sockets).toHaveLength(2);
  });

  it('asks for a fresh token when sockets keep closing before they are ready', () => {
    realtime.connect();
    sockets[0]!.close();
    expect(refused).toBe(0);
    vi.advanceTimersByTime(1000);
    sockets[1]!.close();
    expect(refused).toBe(1);
  });

  it('backs off exponentially with jitter, from half a second up to 30 s', () => {
    expect(retryDelay(0, () => 0)).toBe(250);
    expect(retryDelay(0, () => 1)).toBe(500);
    expect(retryDelay(3, () => 1)).toBe(4000);
    expect(retryDelay(20, () => 0.5)).toBe(22_500);
    expect(retryDelay(20, () => 1)).toBe(30_000);
  });
});
