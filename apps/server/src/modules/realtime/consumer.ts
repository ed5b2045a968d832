import type { Consumer } from '../../platform/events/dispatcher.ts';
import type { Platform } from '../../platform/platform.ts';
import * as data from './data.ts';
import type { RealtimeHub } from './hub.ts';

/**
 * The realtime consumer of the event log: numbers each conversation event in its workspace's teammate
 * stream (in the cursor's transaction, so numbers and cursor commit together) and, once committed,
 * publishes the frames to every node. A publish lost after the commit only delays: nodes find the gap
 * by number and read it from the database.
 */
export function realtimeConsumer(platform: Platform, hub: RealtimeHub): Consumer {
  // Frames are built and published after the commit, outside the cursor's transaction (kept short), one
  // batch after another so nodes receive them in stream order.
  let publishing: Promise<void> = Promise.resolve();
  return {
    name: 'realtime',
    async handle(events, tx) {
      const conversationEvents = events.filter((event) => event.aggregateType === 'conversation');
      if (conversationEvents.length === 0) return;
      const numbers = await data.numberStreamEvents(tx, conversationEvents);
      const numbered = conversationEvents.map((event, index) => ({ ...event, streamSeq: numbers[index] as number }));
      return () => {
        publishing = hub.track(
          publishing
            .then(async () => hub.publish(await hub.framesOf(numbered)))
            .catch((error) => platform.log.warn({ err: error }, 'realtime: publishing failed (nodes will read the gap)')),
        );
      };
    },
  };
}
