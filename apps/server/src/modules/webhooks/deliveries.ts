import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/auth.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import * as data from './data.ts';
import { enqueuePing, enqueueRedelivery } from './deliver-notification.ts';
import { findWebhook } from './subscriptions.ts';

/** One attempt in a webhook's delivery log, as the Inbox shows it. */
export interface WebhookDelivery {
  id: string;
  notification_id: string;
  event_id: string | null;
  topic: string;
  attempt: number;
  succeeded: boolean;
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  latency_ms: number | null;
  request_body: string;
  created_at: number;
}

export function toWebhookDelivery(row: data.DeliveryRow): WebhookDelivery {
  return {
    id: String(row.id),
    notification_id: row.notificationId,
    event_id: row.eventId,
    topic: row.topic,
    attempt: row.attempt,
    succeeded: row.responseStatus !== null && row.responseStatus >= 200 && row.responseStatus < 300,
    response_status: row.responseStatus,
    response_body: row.responseBody,
    error: row.error,
    latency_ms: row.latencyMs,
    request_body: row.requestBody,
    created_at: Math.floor(row.createdAt.getTime() / 1000),
  };
}

const parseDeliveryId = (id: string) => (/^[0-9]{1,15}$/.test(id) ? Number(id) : undefined);

/** The delivery log, newest first; `starting_after` is the last id of the previous page. */
export async function listWebhookDeliveries(platform: Platform, actor: Actor, webhookId: string, page: { perPage: number; startingAfter?: string }) {
  const webhook = await findWebhook(platform, actor, webhookId);
  const before = page.startingAfter === undefined ? undefined : parseDeliveryId(page.startingAfter);
  if (page.startingAfter !== undefined && before === undefined) throw invalid('starting_after must be a delivery id from a previous page', 'starting_after');
  const rows = await data.listDeliveries(platform.database.orm, actor.workspaceId, webhook.id, { before, limit: page.perPage + 1 });
  const shown = rows.slice(0, page.perPage);
  return { deliveries: shown.map(toWebhookDelivery), next_starting_after: rows.length > page.perPage ? String(shown.at(-1)?.id) : null };
}

export async function redeliverWebhookDelivery(platform: Platform, actor: Actor, webhookId: string, deliveryId: string) {
  const webhook = await findWebhook(platform, actor, webhookId);
  const id = parseDeliveryId(deliveryId);
  const delivery = id === undefined ? undefined : await data.findDelivery(platform.database.orm, actor.workspaceId, webhook.id, id);
  if (!delivery) throw notFound('Delivery');
  const attempt = await enqueueRedelivery(platform, delivery);
  return { notification_id: delivery.notificationId, attempt };
}

export async function pingWebhook(platform: Platform, actor: Actor, webhookId: string) {
  const webhook = await findWebhook(platform, actor, webhookId);
  return { notification_id: await enqueuePing(platform, actor.workspaceId, webhook.id) };
}

/** The delivery log is kept 30 days (the hourly maintenance job). */
export const pruneWebhookDeliveries = (db: Executor) => data.pruneDeliveries(db, 30);
