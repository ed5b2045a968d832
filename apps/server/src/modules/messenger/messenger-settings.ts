import type { MessengerSettings, MessengerSettingsUpdate } from '@frontdesk/api-types';
import { randomToken } from '../../platform/crypto/tokens.ts';
import { appendEvents, type NewEvent } from '../../platform/events/outbox.ts';
import { type Actor, requirePermission } from '../../platform/http/auth.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { Platform, RequestMeta } from '../../platform/platform.ts';
import * as data from './data.ts';
import type { StoredSettings } from './settings-defaults.ts';
import { checkContentSafety, checkCustomization } from './settings-validation.ts';
import { messengerChanged, secretContext, type WorkspaceMessenger, workspaceMessenger } from './workspace-messenger.ts';

/** The snippet a site pastes: Intercom's, with this server's widget URL (migrating = changing the host). */
export function installationSnippet(publicUrl: string, appId: string): string {
  const widget = `${publicUrl}/widget/${appId}`;
  return [
    '<script>',
    `  window.intercomSettings = { app_id: ${JSON.stringify(appId)} };`,
    '</script>',
    '<script>',
    `(function(){var w=window;var ic=w.Intercom;if(typeof ic==="function"){ic('reattach_activator');ic('update',w.intercomSettings);}else{var d=document;var i=function(){i.c(arguments);};i.q=[];i.c=function(args){i.q.push(args);};w.Intercom=i;var l=function(){var s=d.createElement('script');s.type='text/javascript';s.async=true;s.src=${JSON.stringify(widget)};var x=d.getElementsByTagName('script')[0];x.parentNode.insertBefore(s,x);};if(document.readyState==='complete'){l();}else if(w.attachEvent){w.attachEvent('onload',l);}else{w.addEventListener('load',l,false);}}})();`,
    '</script>',
  ].join('\n');
}

async function resolved(platform: Platform, workspaceId: number): Promise<WorkspaceMessenger> {
  const messenger = await workspaceMessenger(platform, workspaceId);
  if (!messenger) throw notFound('Workspace');
  return messenger;
}

function toSettings(platform: Platform, messenger: WorkspaceMessenger): MessengerSettings {
  return {
    app_id: messenger.appId,
    customization: messenger.customization,
    content_safety: messenger.contentSafety,
    identity_verification: { enforced: messenger.enforced, has_secret: messenger.secret !== null },
    snippet: installationSnippet(platform.config.publicUrl, messenger.appId),
  };
}

/** `GET /app-api/messenger/settings`: every teammate may read them (the Inbox shows the install snippet). */
export async function getMessengerSettings(platform: Platform, actor: Actor): Promise<MessengerSettings> {
  return toSettings(platform, await resolved(platform, actor.workspaceId));
}

const changedKeys = (update: object | undefined) => Object.keys(update ?? {});

/**
 * `PUT /app-api/messenger/settings`: the sections and keys given replace the current values. Each
 * section changed appends an event the audit log records (look and feel, security settings, identity
 * verification).
 */
export async function updateMessengerSettings(platform: Platform, actor: Actor, update: MessengerSettingsUpdate, meta: RequestMeta): Promise<MessengerSettings> {
  requirePermission(actor, 'manage_settings');
  const workspaceId = actor.workspaceId;
  const db = platform.database.orm;
  if (update.customization) await checkCustomization(db, workspaceId, update.customization);
  if (update.content_safety) checkContentSafety(update.content_safety);
  await platform.database.transaction(async (tx) => {
    const row = await data.findSettings(tx, workspaceId);
    const stored = (row?.settings ?? {}) as StoredSettings;
    const events: NewEvent[] = [];
    const event = (type: string, payload: Record<string, unknown>) =>
      events.push({ workspaceId, aggregateType: 'workspace', aggregateId: String(workspaceId), type, payload: { actor_id: actor.teammateId, ip: meta.ip, ...payload } });
    if (update.customization || update.content_safety) {
      await data.saveSettings(tx, workspaceId, {
        customization: { ...stored.customization, ...update.customization },
        content_safety: { ...stored.content_safety, ...update.content_safety },
      } satisfies StoredSettings);
      if (changedKeys(update.customization).length) event('messenger.customization_changed', { changes: changedKeys(update.customization) });
      if (changedKeys(update.content_safety).length) event('messenger.content_safety_changed', { changes: changedKeys(update.content_safety) });
    }
    if (update.identity_verification) {
      const { enforced } = update.identity_verification;
      if (enforced && !row?.identitySecretSealed) {
        throw invalid('Generate an identity verification secret (and use it on your site) before enforcing verification', 'identity_verification.enforced');
      }
      if (await data.setIdentityVerification(tx, workspaceId, enforced)) event('messenger.identity_verification_changed', { enforced });
    }
    await appendEvents(tx, events);
  });
  await messengerChanged(platform, workspaceId);
  return toSettings(platform, await resolved(platform, workspaceId));
}

/**
 * `POST /app-api/messenger/identity-secret`: a new secret, answered this once and stored sealed with
 * the keyring. Identities verified with the old secret must verify again.
 */
export async function rotateIdentitySecret(platform: Platform, actor: Actor, meta: RequestMeta): Promise<{ secret: string }> {
  requirePermission(actor, 'manage_settings');
  const workspaceId = actor.workspaceId;
  const secret = randomToken('', 32);
  await platform.database.transaction(async (tx) => {
    await data.saveIdentitySecret(tx, workspaceId, platform.keyring.encrypt(secret, secretContext(workspaceId)));
    await appendEvents(tx, [
      {
        workspaceId,
        aggregateType: 'workspace',
        aggregateId: String(workspaceId),
        type: 'messenger.identity_secret_rotated',
        payload: { actor_id: actor.teammateId, ip: meta.ip },
      },
    ]);
  });
  await messengerChanged(platform, workspaceId);
  return { secret };
}
