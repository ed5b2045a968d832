import type { ContentSafetySettings, MessengerCustomization } from '@frontdesk/api-types';
import type { Platform } from '../../platform/platform.ts';
import { findWorkspace, findWorkspaceByIdCode } from '../workspaces/service.ts';
import * as data from './data.ts';
import { compileRedactionPattern, type RedactionRules } from './redaction.ts';
import { type StoredSettings, withDefaults } from './settings-defaults.ts';

/** Everything the visitor API needs to know of a workspace's Messenger, resolved once and cached. */
export interface WorkspaceMessenger {
  workspaceId: number;
  appId: string;
  workspaceName: string;
  customization: MessengerCustomization;
  contentSafety: ContentSafetySettings;
  /** Identity verification enforced (`workspaces.identity_verification`). */
  enforced: boolean;
  secret: string | null;
  secretCreatedAt: Date | null;
  redaction: RedactionRules;
}

/** The keyring context of the sealed secret: a sealed value copied to another workspace does not open. */
export const secretContext = (workspaceId: number) => `messenger-identity-secret:${workspaceId}`;

/**
 * How long a node trusts what it resolved. A change evicts at once on every node (pub/sub); if that
 * message is lost, the change still reaches every node within this time.
 */
const cacheMs = 10_000;
const maxEntries = 10_000;

class WorkspaceMessengerCache {
  private readonly entries = new Map<number, { value: Promise<WorkspaceMessenger | undefined>; expires: number }>();
  private readonly appIds = new Map<string, number>();
  private readonly subscribed: Promise<unknown>;

  constructor(private readonly platform: Platform) {
    this.subscribed = platform.pubsub.subscribe(changedChannel(platform), (message) => this.entries.delete(Number(message))).catch(() => undefined);
  }

  async get(workspaceId: number): Promise<WorkspaceMessenger | undefined> {
    await this.subscribed;
    const cached = this.entries.get(workspaceId);
    if (cached && cached.expires > Date.now()) return cached.value;
    const value = resolve(this.platform, workspaceId);
    if (this.entries.size >= maxEntries) this.entries.clear();
    this.entries.set(workspaceId, { value, expires: Date.now() + cacheMs });
    value.catch(() => this.entries.delete(workspaceId));
    return value;
  }

  /** By `app_id` (a workspace's id_code, which never changes). */
  async byAppId(appId: string): Promise<WorkspaceMessenger | undefined> {
    let workspaceId = this.appIds.get(appId);
    if (workspaceId === undefined) {
      const workspace = await findWorkspaceByIdCode(this.platform.database.orm, appId);
      if (!workspace) return undefined;
      workspaceId = workspace.id;
      if (this.appIds.size >= maxEntries) this.appIds.clear();
      this.appIds.set(appId, workspaceId);
    }
    return this.get(workspaceId);
  }

  evict(workspaceId: number): void {
    this.entries.delete(workspaceId);
  }
}

const changedChannel = (platform: Platform) => `${platform.config.REDIS_PREFIX}:messenger-settings-changed`;

async function resolve(platform: Platform, workspaceId: number): Promise<WorkspaceMessenger | undefined> {
  const db = platform.database.orm;
  const [workspace, row] = await Promise.all([findWorkspace(db, workspaceId), data.findSettings(db, workspaceId)]);
  if (!workspace) return undefined;
  const { customization, contentSafety } = withDefaults(row?.settings as StoredSettings | undefined);
  const patterns = contentSafety.redaction_patterns.map((rule) => compileRedactionPattern(rule.pattern)).filter((pattern) => pattern instanceof RegExp);
  return {
    workspaceId,
    appId: workspace.idCode,
    workspaceName: workspace.name,
    customization,
    contentSafety,
    enforced: workspace.identityVerification,
    secret: row?.identitySecretSealed ? platform.keyring.decrypt(row.identitySecretSealed, secretContext(workspaceId)) : null,
    secretCreatedAt: row?.identitySecretCreatedAt ?? null,
    redaction: { cardNumbers: contentSafety.redact_card_numbers, patterns },
  };
}

const caches = new WeakMap<Platform, WorkspaceMessengerCache>();

function cacheOf(platform: Platform): WorkspaceMessengerCache {
  let cache = caches.get(platform);
  if (!cache) {
    cache = new WorkspaceMessengerCache(platform);
    caches.set(platform, cache);
  }
  return cache;
}

export const workspaceMessenger = (platform: Platform, workspaceId: number) => cacheOf(platform).get(workspaceId);
export const workspaceMessengerByAppId = (platform: Platform, appId: string) => cacheOf(platform).byAppId(appId);

/** After a settings change commits: this node forgets at once, the others when the message arrives. */
export async function messengerChanged(platform: Platform, workspaceId: number): Promise<void> {
  cacheOf(platform).evict(workspaceId);
  await platform.pubsub.publish(changedChannel(platform), String(workspaceId)).catch((error: unknown) => {
    platform.log.warn({ err: error }, 'could not announce a Messenger settings change; other nodes see it within 10 s');
  });
}
