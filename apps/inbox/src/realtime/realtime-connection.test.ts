import type { ClientFrame, ServerFrame } from '@frontdesk/api-types';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { pingEveryMs, pongDeadlineMs, RealtimeConnection, retryDelay, type SocketLike } from './realtime-connection.ts';

class FakeSocket implements SocketLike {
  readyState = 1;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  sent: ClientFrame[] = [];
  closedWith: number | undefined;
  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(frame: ServerFrame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
}

function event(conversationId: string, seq: number, streamSeq?: number): ServerFrame {
  return { type: 'event', conversation_id: conversationId, seq, ...(streamSeq === undefined ? {} : { stream_seq: streamSeq }), name: 'conversation.part.created', created_at: 1 };
}

describe('the Inbox socket', () => {
  let sockets: FakeSocket[];
  let statuses: string[];
  let connection: RealtimeConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    statuses = [];
    connection = new RealtimeConnection({
      url: () => 'ws://inbox.test/realtime',
      onStatus: (status) => statuses.push(status),
      createSocket: () => {
        const socket = new FakeSocket();
        sockets.push(socket);
        return socket;
      },
    });
    connection.start();
  });
  afterEach(() => {
    connection.stop();
    vi.useRealTimers();
  });

  const latest = () => sockets.at(-1) as FakeSocket;

  test('after a drop it reconnects with backoff and resumes every stream from the last number seen', () => {
    const frames: ServerFrame[] = [];
    const inbox: ServerFrame[] = [];
    connection.subscribeConversation('c1', 4, (frame) => frames.push(frame));
    connection.onInbox((frame) => inbox.push(frame));
    connection.send({ type: 'subscribe_inbox', after: 40 });
    latest().receive({ type: 'ready', stream: 'teammate' });
    expect(statuses).toEqual(['open']);
    expect(latest().sent).toEqual([
      { type: 'subscribe_inbox', after: 40 },
      { type: 'subscribe', conversation_id: 'c1', after: 4 },
    ]);
    latest().receive(event('c1', 5, 41));
    latest().receive(event('c1', 5, 41));
    latest().receive(event('c2', 1, 42));
    expect(frames.map((frame) => frame.type === 'event' && frame.seq)).toEqual([5]);
    expect(inbox).toHaveLength(2);

    latest().close(1006);
    expect(statuses.at(-1)).toBe('closed');
    vi.advanceTimersByTime(retryDelay(0, () => 1));
    expect(sockets).toHaveLength(2);
    latest().receive({ type: 'ready', stream: 'teammate' });
    expect(latest().sent).toEqual([
      { type: 'subscribe_inbox', after: 42 },
      { type: 'subscribe', conversation_id: 'c1', after: 5 },
    ]);
    expect(statuses.at(-1)).toBe('open');
  });

  test('a conversation moved out of sight is told to the inbox and to whoever follows it; the stream moves on', () => {
    const inbox: ServerFrame[] = [];
    const followed: ServerFrame[] = [];
    connection.onInbox((frame) => inbox.push(frame));
    connection.subscribeConversation('c1', 3, (frame) => followed.push(frame));
    connection.send({ type: 'subscribe_inbox', after: 10 });
    latest().receive({ type: 'ready', stream: 'teammate' });
    latest().receive({ type: 'conversation_hidden', conversation_id: 'c1', stream_seq: 12 });
    expect(inbox).toEqual([{ type: 'conversation_hidden', conversation_id: 'c1', stream_seq: 12 }]);
    expect(followed).toEqual([{ type: 'conversation_hidden', conversation_id: 'c1', stream_seq: 12 }]);
    latest().close(1006);
    vi.advanceTimersByTime(retryDelay(0, () => 1));
    latest().receive({ type: 'ready', stream: 'teammate' });
    expect(latest().sent[0]).toEqual({ type: 'subscribe_inbox', after: 12 });
  });

  test('the inbox gets each event once, whether it comes as a preview (no stream number) or numbered', () => {
    const inbox: ServerFrame[] = [];
    connection.onInbox((frame) => inbox.push(frame));
    connection.send({ type: 'subscribe_inbox', after: 10 });
    latest().receive({ type: 'ready', stream: 'teammate' });
    latest().receive(event('c1', 3));
    latest().receive(event('c1', 3, 11));
    latest().receive(event('c1', 4, 12));
    latest().receive(event('c2', 1, 9));
    latest().receive(event('c2', 2));
    latest().receive(event('c1', 2));
    expect(inbox.map((frame) => frame.type === 'event' && `${frame.conversation_id}:${frame.seq}`)).toEqual(['c1:3', 'c1:4', 'c2:2', 'c1:2']);
    latest().close(1006);
    vi.advanceTimersByTime(retryDelay(0, () => 1));
    latest().receive({ type: 'ready', stream: 'teammate' });
    expect(latest().sent).toEqual([{ type: 'subscribe_inbox', after: 12 }]);
  });

  test('pings every 25 s and drops a connection whose pong is late', () => {
    latest().receive({ type: 'ready', stream: 'teammate' });
    vi.advanceTimersByTime(pingEveryMs);
    expect(latest().sent).toContainEqual({ type: 'ping' });
    latest().receive({ type: 'pong' });
    vi.advanceTimersByTime(pingEveryMs + pongDeadlineMs);
    expect(latest().closedWith).toBe(4000);
  });

  test('the last subscriber of a conversation unsubscribes; a late one asks from its own number', () => {
    latest().receive({ type: 'ready', stream: 'teammate' });
    const first: number[] = [];
    const second: number[] = [];
    const stopFirst = connection.subscribeConversation('c1', 10, (frame) => frame.type === 'event' && first.push(frame.seq));
    latest().receive(event('c1', 11));
    const stopSecond = connection.subscribeConversation('c1', 8, (frame) => frame.type === 'event' && second.push(frame.seq));
    for (const seq of [9, 10, 11, 12]) latest().receive(event('c1', seq));
    expect(first).toEqual([11, 12]);
    expect(second).toEqual([9, 10, 11, 12]);
    stopFirst();
    stopSecond();
    expect(latest().sent).toEqual([
      { type: 'subscribe', conversation_id: 'c1', after: 10 },
      { type: 'subscribe', conversation_id: 'c1', after: 8 },
      { type: 'unsubscribe', conversation_id: 'c1' },
    ]);
  });

  test('backoff grows from about half a second to at most 30 s, with jitter', () => {
    expect(retryDelay(0, () => 0)).toBe(250);
    expect(retryDelay(0, () => 1)).toBe(500);
    expect(retryDelay(3, () => 1)).toBe(4000);
    expect(retryDelay(20, () => 1)).toBe(30_000);
    expect(retryDelay(20, () => 0)).toBe(15_000);
  });
});
