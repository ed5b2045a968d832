import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalPubSub, createRedisPubSub, type PubSub } from './pubsub.ts';

const log = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const channel = (label: string) => `fdtest-pubsub-${randomBytes(6).toString('hex')}:${label}`;

async function waitFor(description: string, condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${description}`);
    await sleep(5);
  }
}

describe('local pub/sub (one process)', () => {
  it('delivers to the subscribers of a channel only, in order', async () => {
    const pubsub = createLocalPubSub();
    const a: string[] = [];
    const b: string[] = [];
    const other: string[] = [];
    await pubsub.subscribe('conversations', (message) => a.push(message));
    await pubsub.subscribe('conversations', (message) => b.push(message));
    await pubsub.subscribe('contacts', (message) => other.push(message));
    await pubsub.publish('conversations', 'one');
    await pubsub.publish('conversations', 'two');
    await waitFor('delivery', () => a.length === 2 && b.length === 2);
    expect(a).toEqual(['one', 'two']);
    expect(b).toEqual(['one', 'two']);
    expect(other).toEqual([]);
    await pubsub.close();
  });

  it('stops delivering to a handler after it unsubscribes, and keeps delivering to the others', async () => {
    const pubsub = createLocalPubSub();
    const leaving: string[] = [];
    const staying: string[] = [];
    const unsubscribe = await pubsub.subscribe('channel', (message) => leaving.push(message));
    await pubsub.subscribe('channel', (message) => staying.push(message));
    await pubsub.publish('channel', 'before');
    await waitFor('delivery', () => leaving.length === 1 && staying.length === 1);
    await unsubscribe();
    await pubsub.publish('channel', 'after');
    await waitFor('delivery to the remaining handler', () => staying.length === 2);
    await sleep(20);
    expect(leaving).toEqual(['before']);
    expect(staying).toEqual(['before', 'after']);
    await pubsub.close();
  });

  it('a closed instance delivers nothing', async () => {
    const pubsub = createLocalPubSub();
    const seen: string[] = [];
    await pubsub.subscribe('channel', (message) => seen.push(message));
    await pubsub.close();
    await pubsub.publish('channel', 'after close').catch(() => {});
    await sleep(20);
    expect(seen).toEqual([]);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;

describe.skipIf(!redisUrl)('Redis pub/sub across nodes (TEST_REDIS_URL)', () => {
  let nodeA: PubSub;
  let nodeB: PubSub;
  beforeAll(async () => {
    nodeA = await createRedisPubSub(redisUrl ?? '', log);
    nodeB = await createRedisPubSub(redisUrl ?? '', log);
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
  });

  it("each node receives the other's messages", async () => {
    const name = channel('both');
    const seenA: string[] = [];
    const seenB: string[] = [];
    const stopA = await nodeA.subscribe(name, (message) => seenA.push(message));
    const stopB = await nodeB.subscribe(name, (message) => seenB.push(message));
    await nodeA.publish(name, 'from A');
    await waitFor('B to receive A', () => seenB.includes('from A'));
    await nodeB.publish(name, 'from B');
    await waitFor('A to receive B', () => seenA.includes('from B'));
    await waitFor('both to see both', () => seenA.length === 2 && seenB.length === 2);
    expect(seenA).toEqual(['from A', 'from B']);
    expect(seenB).toEqual(['from A', 'from B']);
    await stopA();
    await stopB();
  });

  it('only delivers on the subscribed channel', async () => {
    const watched = channel('watched');
    const unwatched = channel('unwatched');
    const seen: string[] = [];
    const stop = await nodeB.subscribe(watched, (message) => seen.push(message));
    await nodeA.publish(unwatched, 'elsewhere');
    await nodeA.publish(watched, 'here');
    await waitFor('delivery', () => seen.length >= 1);
    await sleep(50);
    expect(seen).toEqual(['here']);
    await stop();
  });

  it('unsubscribing stops delivery to that node while the other keeps receiving', async () => {
    const name = channel('unsubscribe');
    const seenA: string[] = [];
    const seenB: string[] = [];
    const secondOnB: string[] = [];
    await nodeA.subscribe(name, (message) => seenA.push(message));
    const stopB = await nodeB.subscribe(name, (message) => seenB.push(message));
    const stopSecondB = await nodeB.subscribe(name, (message) => secondOnB.push(message));

    await nodeA.publish(name, 'one');
    await waitFor('first delivery', () => seenB.length === 1 && secondOnB.length === 1 && seenA.length === 1);

    // One of two handlers on B leaves: the other still receives.
    await stopB();
    await nodeA.publish(name, 'two');
    await waitFor('second delivery', () => secondOnB.length === 2 && seenA.length === 2);

    // The last handler on B leaves: B receives nothing, A (the publisher's own node) still does.
    await stopSecondB();
    await nodeA.publish(name, 'three');
    await waitFor('third delivery on A', () => seenA.length === 3);
    await sleep(100);
    expect(seenA).toEqual(['one', 'two', 'three']);
    expect(seenB).toEqual(['one']);
    expect(secondOnB).toEqual(['one', 'two']);

    // Subscribing again after the channel was dropped works.
    const again: string[] = [];
    const stopAgain = await nodeB.subscribe(name, (message) => again.push(message));
    await nodeA.publish(name, 'four');
    await waitFor('delivery after re-subscribing', () => again.length === 1);
    expect(again).toEqual(['four']);
    await stopAgain();
  });
});
