import type { Tx } from '../../platform/db/database.ts';
import { hexId, randomToken } from '../../platform/crypto/tokens.ts';
import { appendEvent } from '../../platform/events/outbox.ts';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { checkOutboundUrl, OutboundError, outboundPolicy } from '../../platform/outbound/guarded-request.ts';
import type { Platform } from '../../platform/platform.ts';
import * as data from './data.ts';
import { isTopic, supportedTopics } from './topics.ts';

/** A webhook subscription as the Inbox sees it (the secret only at creation, or when asked for). */
export interface Webhook {
  id: string;
  url: string;
  topics: string[];
  active: boolean;
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function toWebhook(row: data.SubscriptionRow): Webhook {
  return {
    id: row.id,
    url: row.url,
    topics: row.topics as string[],
    active: row.active,
    disabled_reason: row.disabledReason,
    created_at: seconds(row.createdAt),
    updated_at: seconds(row.updatedAt),
  };
}

/** The keyring context binds a sealed secret to its subscription, so it cannot be pasted onto another. */
export const secretContext = (workspaceId: number, subscriptionId: string) => `webhook_subscription.secret:${workspaceId}:${subscriptionId}`;

export function subscriptionSecret(platform: Platform, row: data.SubscriptionRow): string {
  return platform.keyring.decrypt(row.secret, secretContext(row.workspaceId, row.id));
}

/** Refuses, at save time, a URL the outbound guard would refuse when sending. */
async function checkUrl(platform: Platform, url: string): Promise<string> {
  const trimmed = url.trim();
  try {
    await checkOutboundUrl(outboundPolicy(platform.config), trimmed);
  } catch (error) {
    if (error instanceof OutboundError) throw invalid(`url: ${error.message}`, 'url');
    throw error;
  }
  return trimmed;
}

function checkTopics(topics: string[]): string[] {
  if (!topics.length) throw invalid('topics: subscribe to at least one topic', 'topics');
  const unknown = topics.find((topic) => !isTopic(topic));
  if (unknown !== undefined) throw invalid(`topics: "${unknown}" is not a supported topic (supported: ${supportedTopics.join(', ')})`, 'topics');
  return [...new Set(topics)];
}

async function recordChange(tx: Tx, workspaceId: number, id: string, type: string, payload: Record<string, unknown>) {
  await appendEvent(tx, { workspaceId, aggregateType: 'webhook_subscription', aggregateId: id, type, payload });
}

export async function listWebhooks(platform: Platform, actor: Actor): Promise<Webhook[]> {
  requirePermission(actor, 'manage_settings');
  return (await data.listSubscriptions(platform.database.orm, actor.workspaceId)).map(toWebhook);
}

export async function findWebhook(platform: Platform, actor: Actor, id: string): Promise<data.SubscriptionRow> {
  requirePermission(actor, 'manage_settings');
  const row = await data.findSubscription(platform.database.orm, actor.workspaceId, id);
  if (!row) throw notFound('Webhook');
  return row;
}

/** A new subscription; its signing secret is returned this once (and later only through `webhookSecret`). */
export async function createWebhook(platform: Platform, actor: Actor, input: { url: string; topics: string[] }): Promise<Webhook & { secret: string }> {
  requirePermission(actor, 'manage_settings');
  const url = await checkUrl(platform, input.url);
  const topics = checkTopics(input.topics);
  const id = hexId();
  const secret = randomToken('whsec_', 24);
  const row = await platform.database.transaction(async (tx) => {
    const created = await data.insertSubscription(tx, {
      workspaceId: actor.workspaceId,
      id,
      url,
      topics,
      secret: platform.keyring.encrypt(secret, secretContext(actor.workspaceId, id)),
      createdBy: actor.teammateId,
    });
    await recordChange(tx, actor.workspaceId, id, 'webhook_subscription.created', { actor_id: actor.teammateId, url, topics });
    return created;
  });
  return { ...toWebhook(row), secret };
}

export async function updateWebhook(platform: Platform, actor: Actor, id: string, input: { url?: string; topics?: string[]; active?: boolean }): Promise<Webhook> {
  const existing = await findWebhook(platform, actor, id);
  const changes: Parameters<typeof data.updateSubscription>[3] = {};
  if (input.url !== undefined) changes.url = await checkUrl(platform, input.url);
  if (input.topics !== undefined) changes.topics = checkTopics(input.topics);
  if (input.active !== undefined) {
    changes.active = input.active;
    // Switching a disabled subscription back on is the teammate saying the endpoint is fixed.
    if (input.active) changes.disabledReason = null;
  }
  const row = await platform.database.transaction(async (tx) => {
    const updated = await data.updateSubscription(tx, actor.workspaceId, existing.id, changes);
    if (!updated) throw notFound('Webhook');
    await recordChange(tx, actor.workspaceId, id, 'webhook_subscription.updated', { actor_id: actor.teammateId, changes: Object.keys(changes) });
    return updated;
  });
  return toWebhook(row);
}

export async function deleteWebhook(platform: Platform, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'manage_settings');
  await platform.database.transaction(async (tx) => {
    const deleted = await data.deleteSubscription(tx, actor.workspaceId, id);
    if (!deleted) throw notFound('Webhook');
    await data.deleteDeliveriesOf(tx, actor.workspaceId, id);
    await recordChange(tx, actor.workspaceId, id, 'webhook_subscription.deleted', { actor_id: actor.teammateId, url: deleted.url });
  });
}

export async function webhookSecret(platform: Platform, actor: Actor, id: string): Promise<string> {
  return subscriptionSecret(platform, await findWebhook(platform, actor, id));
}

/** The receiver answered 410 Gone: stop sending until a teammate switches the subscription back on. */
export async function disableWebhook(platform: Platform, workspaceId: number, id: string, reason: string): Promise<void> {
  await platform.database.transaction(async (tx) => {
    const updated = await data.updateSubscription(tx, workspaceId, id, { active: false, disabledReason: reason });
    if (updated) await recordChange(tx, workspaceId, id, 'webhook_subscription.disabled', { actor_id: null, reason });
  });
}
