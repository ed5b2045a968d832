import { randomUUID } from 'node:crypto';
import { OutboundError, outboundPolicy, sendOutbound } from '../../platform/outbound/guarded-request.ts';
import type { Platform } from '../../platform/platform.ts';
import { findWorkspace } from '../workspaces/service.ts';
import * as data from './data.ts';
import { deliveryHeaders, notificationId, toIntercomNotification } from './intercom-notification.ts';
import { type AnnouncedEvent, contactRoleTopic, notificationItem } from './notification-item.ts';
import { disableWebhook, subscriptionSecret } from './subscriptions.ts';
import { subscribedTo } from './topics.ts';

export const deliverJobName = 'webhooks.deliver';
/** Job-level retries cover our own failures (database down); the receiver's failures are retried below. */
export const jobAttempts = 3;
/** Attempts to deliver one notification: the first and five retries, WEBHOOK_RETRY_BASE_MS apart, doubling. */
export const maxDeliveryAttempts = 6;
const maxThrottleMs = 2 * 3600 * 1000;
const storedResponseChars = 4000;

export type DeliveryJob = { workspaceId: number; subscriptionId: string; notificationId: string } & (
  | { kind: 'event'; topics: string[]; event: AnnouncedEvent }
  | { kind: 'ping' }
  /** Sends again the notification logged as `deliveryId`, as attempt `attempt`. */
  | { kind: 'resend'; deliveryId: number; attempt: number; manual?: boolean }
);

interface Notification {
  topic: string;
  eventId: string | null;
  body: string;
  attempt: number;
}

const now = () => Math.floor(Date.now() / 1000);

/** The first attempt of an event or ping: load the item as it is now and wrap it in Intercom's envelope. */
async function freshNotification(platform: Platform, job: DeliveryJob & { kind: 'event' | 'ping' }, topics: readonly string[]): Promise<Notification | undefined> {
  const db = platform.database.orm;
  let topic = 'ping';
  if (job.kind === 'event') {
    const chosen = job.topics.length === 1 ? job.topics[0] : await contactRoleTopic(db, job.workspaceId, job.topics, job.event.payload);
    if (!chosen || !subscribedTo(topics, chosen)) return undefined;
    topic = chosen;
  }
  const event: AnnouncedEvent =
    job.kind === 'event' ? job.event : { id: job.notificationId, type: 'ping', aggregateId: job.subscriptionId, payload: {}, createdAt: now() };
  const item = await notificationItem(db, job.workspaceId, topic, event);
  const workspace = await findWorkspace(db, job.workspaceId);
  const envelope = toIntercomNotification({
    id: job.notificationId,
    topic,
    appId: workspace?.idCode ?? '',
    item,
    createdAt: event.createdAt,
    firstSentAt: now(),
    attempt: 1,
  });
  return { topic, eventId: job.kind === 'event' ? job.event.id : null, body: JSON.stringify(envelope), attempt: 1 };
}

/** A retry or a redelivery sends the logged notification again, counting the attempt. */
async function loggedNotification(platform: Platform, job: DeliveryJob & { kind: 'resend' }): Promise<Notification | undefined> {
  const previous = await data.findDelivery(platform.database.orm, job.workspaceId, job.subscriptionId, job.deliveryId);
  if (!previous) return undefined;
  const envelope = JSON.parse(previous.requestBody) as Record<string, unknown>;
  envelope.delivery_attempts = job.attempt;
  return { topic: previous.topic, eventId: previous.eventId, body: JSON.stringify(envelope), attempt: job.attempt };
}

function retryDelayMs(platform: Platform, attempt: number, status: number | null, retryAfter: string | string[] | undefined): number {
  const backoff = platform.config.WEBHOOK_RETRY_BASE_MS * 2 ** (attempt - 1);
  if (status !== 429) return backoff;
  // Throttled: wait as long as the receiver asks (Intercom waits 1 minute to 2 hours).
  const asked = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) * 1000;
  return Math.min(maxThrottleMs, Math.max(backoff, Number.isFinite(asked) ? asked : 0));
}

/** One attempt to deliver one notification: send it, log it, then schedule a retry or disable the subscription. */
export async function deliverNotification(platform: Platform, job: DeliveryJob): Promise<void> {
  const db = platform.database.orm;
  const subscription = await data.findSubscription(db, job.workspaceId, job.subscriptionId);
  if (!subscription) return;
  // A teammate's ping or redelivery goes out even to a disabled subscription: it is how they test the fix.
  if (!subscription.active && job.kind === 'event') return;
  if (!subscription.active && job.kind === 'resend' && !job.manual) return;
  const notification = job.kind === 'resend' ? await loggedNotification(platform, job) : await freshNotification(platform, job, subscription.topics as string[]);
  if (!notification) return;

  const started = performance.now();
  let status: number | null = null;
  let responseBody: string | null = null;
  let retryAfter: string | string[] | undefined;
  let failure: OutboundError | undefined;
  try {
    const response = await sendOutbound(outboundPolicy(platform.config), {
      url: subscription.url,
      method: 'POST',
      headers: deliveryHeaders(notification.body, subscriptionSecret(platform, subscription)),
      body: notification.body,
      timeoutMs: platform.config.OUTBOUND_TIMEOUT_MS,
    });
    status = response.status;
    responseBody = response.body.slice(0, storedResponseChars);
    retryAfter = response.headers['retry-after'];
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    failure = error;
  }
  const delivery = await data.insertDelivery(db, {
    workspaceId: job.workspaceId,
    subscriptionId: job.subscriptionId,
    notificationId: job.notificationId,
    eventId: notification.eventId,
    topic: notification.topic,
    attempt: notification.attempt,
    requestBody: notification.body,
    responseStatus: status,
    responseBody,
    error: failure ? `${failure.code}: ${failure.message}` : null,
    latencyMs: Math.round(performance.now() - started),
  });

  if (status !== null && status >= 200 && status < 300) return;
  if (status === 410) {
    await disableWebhook(platform, job.workspaceId, job.subscriptionId, `The endpoint answered 410 Gone to notification ${job.notificationId}; switch the webhook on again once it accepts deliveries`);
    return;
  }
  // A refused or malformed address will not fix itself between attempts.
  if (failure && (failure.code === 'refused' || failure.code === 'invalid_url')) return;
  if (notification.attempt >= maxDeliveryAttempts) return;
  const next: DeliveryJob = { ...pick(job), kind: 'resend', deliveryId: delivery.id, attempt: notification.attempt + 1 };
  await platform.jobs.enqueue(deliverJobName, next as unknown as Record<string, unknown>, {
    key: `${job.notificationId}.attempt-${next.attempt}`,
    delayMs: retryDelayMs(platform, notification.attempt, status, retryAfter),
  });
}

const pick = (job: DeliveryJob) => ({ workspaceId: job.workspaceId, subscriptionId: job.subscriptionId, notificationId: job.notificationId });

/** A `ping` notification to one subscription, now. */
export async function enqueuePing(platform: Platform, workspaceId: number, subscriptionId: string): Promise<string> {
  const job: DeliveryJob = { kind: 'ping', workspaceId, subscriptionId, notificationId: notificationId(randomUUID(), subscriptionId) };
  await platform.jobs.enqueue(deliverJobName, job as unknown as Record<string, unknown>, { key: job.notificationId });
  return job.notificationId;
}

/** Sends a logged notification again, as the next attempt of its notification. */
export async function enqueueRedelivery(platform: Platform, delivery: data.DeliveryRow): Promise<number> {
  const attempt = (await data.lastAttemptOf(platform.database.orm, delivery.workspaceId, delivery.notificationId)) + 1;
  const job: DeliveryJob = {
    kind: 'resend',
    manual: true,
    workspaceId: delivery.workspaceId,
    subscriptionId: delivery.subscriptionId,
    notificationId: delivery.notificationId,
    deliveryId: delivery.id,
    attempt,
  };
  await platform.jobs.enqueue(deliverJobName, job as unknown as Record<string, unknown>, { key: `${delivery.notificationId}.redeliver-${randomUUID()}` });
  return attempt;
}

/** The job handler, as registered with `platform.jobs.define`. */
export const deliverNotificationJob = (platform: Platform) => (payload: Record<string, unknown>) => deliverNotification(platform, payload as unknown as DeliveryJob);
