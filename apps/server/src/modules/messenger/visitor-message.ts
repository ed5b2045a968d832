import { AppError } from '../../platform/http/errors.ts';
import { toMessageHtml } from '../../platform/html/message-html.ts';
import type { Platform } from '../../platform/platform.ts';
import type { VisitorMessage } from '../conversations/service.ts';
import { attachmentsOfMessage } from './attachments.ts';
import { type RedactionRules, redact } from './redaction.ts';
import type { VisitorSession } from './visitor-session.ts';

/**
 * A visitor's text made safe to store: redacted (card numbers, the workspace's patterns), then
 * sanitized by the message HTML allowlist. Redaction runs again on the sanitized HTML — removing tags
 * can join digits a tag had split — and the result is sanitized once more if that changed anything,
 * so what is stored has always passed the sanitizer last.
 */
export function safeMessageHtml(text: string, rules: RedactionRules): { html: string; redacted: boolean } {
  const first = redact(text, rules);
  if (!first.text.trim()) return { html: '', redacted: first.redacted };
  const html = toMessageHtml(first.text);
  const second = redact(html, rules);
  return { html: second.redacted ? toMessageHtml(second.text) : html, redacted: first.redacted || second.redacted };
}

/** A message as the conversations module stores it: safe HTML, the visitor's own uploads, the redaction flag. */
export async function prepareVisitorMessage(platform: Platform, session: VisitorSession, input: { body?: string; attachment_ids?: string[] }): Promise<VisitorMessage> {
  const { messenger, visitor } = session;
  const ids = input.attachment_ids ?? [];
  if (ids.length && !messenger.contentSafety.attachments_enabled) throw new AppError(403, 'attachments_disabled', 'Attachments are turned off for this Messenger.');
  const { html, redacted } = safeMessageHtml(input.body ?? '', messenger.redaction);
  const attachments = await attachmentsOfMessage(platform, messenger.workspaceId, visitor.id, ids);
  return { body: html, attachments, redacted };
}
