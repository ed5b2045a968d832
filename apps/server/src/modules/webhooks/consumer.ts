import type { Consumer } from '../../platform/events/dispatcher.ts';
import type { Platform } from '../../platform/platform.ts';
import * as data from './data.ts';
import { type DeliveryJob, deliverJobName } from './deliver-notification.ts';
import { notificationId } from './intercom-notification.ts';
import { candidateTopics, subscribedTo } from './topics.ts';

/**
 * Turns domain events into one delivery job per matching active subscription. It runs inside the
 * dispatcher's transaction, so it only matches and enqueues; loading and sending happen in the job.
 * The job key is the notification id, derived from (event, subscription): a redelivered batch
 * enqueues nothing twice.
 */
export function webhooksConsumer(platform: Platform): Consumer {
  return {
    name: 'webhooks',
    paceMs: 100,
    async handle(events, tx) {
      const announced = events.map((event) => ({ event, topics: candidateTopics(event) })).filter(({ topics }) => topics.length);
      if (!announced.length) return;
      const subscriptions = await data.activeSubscriptionsOf(tx, [...new Set(announced.map(({ event }) => event.workspaceId))]);
      for (const { event, topics } of announced) {
        for (const subscription of subscriptions) {
          if (subscription.workspaceId !== event.workspaceId) continue;
          if (!topics.some((topic) => subscribedTo(subscription.topics as string[], topic))) continue;
          const job: DeliveryJob = {
            kind: 'event',
            workspaceId: event.workspaceId,
            subscriptionId: subscription.id,
            notificationId: notificationId(event.eventId, subscription.id),
            topics,
            event: {
              id: event.eventId,
              type: event.type,
              aggregateId: event.aggregateId,
              payload: event.payload,
              createdAt: Math.floor(event.createdAt.getTime() / 1000),
            },
          };
          await platform.jobs.enqueue(deliverJobName, job as unknown as Record<string, unknown>, { key: job.notificationId, tx });
        }
      }
    },
  };
}
