import { createHash, createHmac } from 'node:crypto';

/**
 * Intercom's webhook envelope, version 2.x. Built explicitly from the delivery, never from a row:
 * this is what receivers parse.
 */
export interface IntercomNotification {
  type: 'notification_event';
  app_id: string;
  data: { type: 'notification_event_data'; item: unknown };
  links: Record<string, never>;
  id: string;
  topic: string;
  delivery_status: 'pending';
  delivery_attempts: number;
  delivered_at: number;
  first_sent_at: number;
  created_at: number;
  self: null;
}

export function toIntercomNotification(input: {
  id: string;
  topic: string;
  appId: string;
  item: unknown;
  createdAt: number;
  firstSentAt: number;
  attempt: number;
}): IntercomNotification {
  return {
    type: 'notification_event',
    app_id: input.appId,
    data: { type: 'notification_event_data', item: input.item },
    links: {},
    id: input.id,
    topic: input.topic,
    delivery_status: 'pending',
    delivery_attempts: input.attempt,
    delivered_at: 0,
    first_sent_at: input.firstSentAt,
    created_at: input.createdAt,
    self: null,
  };
}

/** `notif_<uuid>`, the same for every attempt to deliver one event to one subscription. */
export function notificationId(eventId: string, subscriptionId: string): string {
  const hash = createHash('sha256').update(`${eventId}:${subscriptionId}`).digest('hex');
  const variant = ((Number.parseInt(hash[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `notif_${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
}

/** `X-Hub-Signature`: `sha1=` and the hex HMAC-SHA1 of the raw body, keyed with the subscription's secret. */
export function hubSignature(body: string, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(body, 'utf8').digest('hex')}`;
}

export const deliveryHeaders = (body: string, secret: string): Record<string, string> => ({
  'user-agent': 'intercom-parrot-service-client/1.0',
  'content-type': 'application/json',
  accept: 'application/json',
  'x-hub-signature': hubSignature(body, secret),
});
