import type { MessengerAttachment } from '@frontdesk/api-types';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { StoredAttachment } from '../conversations/intercom-conversation.ts';
import { mediaTypeOf, neverAllowedType, storeUpload, tooLarge, uploadsOf } from './attachments.ts';
import { attachmentBytesCeiling } from './settings-defaults.ts';

/**
 * Files teammates attach to replies and notes from the Inbox: the same storage and serving as the
 * visitors' (only plain images inline, never sniffed), but not the Messenger's content-safety settings,
 * which govern what customers may send: any type but programs and scripts, up to 20 MB.
 */
export const teammateAttachmentBytes = attachmentBytesCeiling;

/** The checks made before reading the body: a type that is not a program, a declared size within the limit. */
export function checkTeammateUpload(contentType: string | undefined, declaredLength: number | undefined): string {
  const type = mediaTypeOf(contentType);
  if (!type) throw new AppError(415, 'attachment_type_not_allowed', "Send the file's type in the Content-Type header (for example image/png).");
  if (neverAllowedType(type)) throw new AppError(415, 'attachment_type_not_allowed', `Files of type ${type} (programs and scripts) can't be attached.`);
  if (declaredLength !== undefined && declaredLength > teammateAttachmentBytes) throw tooLarge(teammateAttachmentBytes);
  return type;
}

export function storeTeammateAttachment(
  platform: Platform,
  input: { workspaceId: number; teammateId: number; name: string; contentType: string; bytes: Buffer },
): Promise<MessengerAttachment> {
  const { teammateId, ...file } = input;
  return storeUpload(platform, { ...file, uploadedBy: { type: 'teammate', id: String(teammateId) } });
}

/** The files a teammate's reply references: their own uploads only. */
export function teammateAttachments(platform: Platform, workspaceId: number, teammateId: number, ids: string[]): Promise<StoredAttachment[]> {
  return uploadsOf(platform, workspaceId, { type: 'teammate', id: String(teammateId) }, ids);
}
