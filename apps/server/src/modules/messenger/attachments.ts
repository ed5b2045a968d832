import type { FastifyRequest } from 'fastify';
import type { ContentSafetySettings, MessengerAttachment } from '@frontdesk/api-types';
import { randomBytes } from 'node:crypto';
import { AppError, invalid } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { StoredAttachment } from '../conversations/intercom-conversation.ts';
import { hasControlCharacter } from './control-characters.ts';
import * as data from './data.ts';

/**
 * Files visitors attach: refused before they are read when attachments are off, their type is not
 * allowed or they are too large; stored in the database (every node serves them) under an unguessable
 * id; served so that nothing but a plain image ever renders inline.
 */

/** Types never accepted, whatever the allowlist says: programs and scripts. */
const neverAllowed = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-msi',
  'application/x-executable',
  'application/x-sh',
  'application/x-bat',
  'application/java-archive',
  'application/javascript',
  'text/javascript',
  'application/x-httpd-php',
]);

/** The only types shown inline; their first bytes must match. */
const inlineSignatures: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (bytes) => bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff,
  'image/gif': (bytes) => bytes.subarray(0, 4).toString('latin1') === 'GIF8',
  'image/webp': (bytes) => bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP',
};
/** Types whose content a browser would run or render as a document: served as opaque bytes. */
const activeContent = /html|xml|svg|javascript|ecmascript/;

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
export const attachmentIdPattern = /^[A-Za-z0-9_-]{32}$/;

/** The file's type from its Content-Type header (parameters dropped), or undefined when there is none. */
export function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type && /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type) ? type : undefined;
}

/** Programs and scripts are refused from anyone. */
export const neverAllowedType = (type: string) => neverAllowed.has(type);

function allowed(type: string, list: string[]): boolean {
  if (neverAllowed.has(type)) return false;
  if (list.length === 0) return true;
  return list.some((entry) => entry === type || (entry.endsWith('/*') && type.startsWith(entry.slice(0, -1))));
}

export const tooLarge = (limit: number) =>
  new AppError(413, 'attachment_too_large', `This file is too large: attachments can be at most ${sizeText(limit)}.`);

/** The checks made before reading the body: attachments on, a type the workspace allows, a declared size within its limit. */
export function checkUpload(settings: ContentSafetySettings, contentType: string | undefined, declaredLength: number | undefined): string {
  if (!settings.attachments_enabled) throw new AppError(403, 'attachments_disabled', 'Attachments are turned off for this Messenger.');
  const type = mediaTypeOf(contentType);
  if (!type) throw new AppError(415, 'attachment_type_not_allowed', "Send the file's type in the Content-Type header (for example image/png).");
  if (!allowed(type, settings.allowed_attachment_types)) {
    const list = settings.allowed_attachment_types.length ? ` Allowed: ${settings.allowed_attachment_types.join(', ')}.` : '';
    throw new AppError(415, 'attachment_type_not_allowed', `Files of type ${type} can't be sent here.${list}`);
  }
  if (declaredLength !== undefined && declaredLength > settings.max_attachment_bytes) throw tooLarge(settings.max_attachment_bytes);
  return type;
}

/** The `X-File-Name` header (URI-encoded): decoded, path and control characters removed, at most 200 characters. */
export function fileNameOf(header: string | undefined): string {
  let name = 'file';
  if (header) {
    try {
      name = decodeURIComponent(header);
    } catch {
      throw invalid('X-File-Name must be URI-encoded (encodeURIComponent)', 'X-File-Name');
    }
  }
  const cleaned = [...name]
    .filter((character) => !hasControlCharacter(character))
    .join('')
    .replace(/[/\\]/g, '_')
    .trim()
    .slice(-200);
  return cleaned && !/^\.+$/.test(cleaned) ? cleaned : 'file';
}

export const fileUrl = (publicUrl: string, id: string, name: string) => `${publicUrl}/files/${id}/${encodeURIComponent(name)}`;

/** Who uploaded a file: only they may attach it to a message. */
export type Uploader = { type: 'visitor'; id: string; contact_id: string | null } | { type: 'teammate'; id: string };

/** Stores an uploaded file (its content checked against its type); its id (24 random bytes) is the capability its URL carries. */
export async function storeUpload(
  platform: Platform,
  input: { workspaceId: number; uploadedBy: Uploader; name: string; contentType: string; bytes: Buffer },
): Promise<MessengerAttachment> {
  const signature = inlineSignatures[input.contentType];
  if (signature && !signature(input.bytes)) {
    throw new AppError(415, 'attachment_type_not_allowed', `This file's content is not a ${input.contentType.slice('image/'.length).toUpperCase()} image.`);
  }
  if (input.bytes.length === 0) throw invalid('The file is empty', 'body');
  const id = randomBytes(24).toString('base64url');
  await data.insertAttachment(platform.database.orm, {
    workspaceId: input.workspaceId,
    id,
    name: input.name,
    contentType: input.contentType,
    size: input.bytes.length,
    data: input.bytes,
    uploadedBy: input.uploadedBy,
  });
  return { id, url: fileUrl(platform.config.publicUrl, id, input.name), name: input.name, content_type: input.contentType, size: input.bytes.length };
}

/** Stores an uploaded file for the visitor. */
export function storeAttachment(
  platform: Platform,
  input: { workspaceId: number; visitorId: string; contactId: string | null; name: string; contentType: string; bytes: Buffer },
): Promise<MessengerAttachment> {
  const { visitorId, contactId, ...file } = input;
  return storeUpload(platform, { ...file, uploadedBy: { type: 'visitor', id: visitorId, contact_id: contactId } });
}

/** The files a message references: the uploader's own files only, shown as the part's attachments. */
export async function uploadsOf(platform: Platform, workspaceId: number, uploader: Pick<Uploader, 'type' | 'id'>, ids: string[]): Promise<StoredAttachment[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const found = new Map(
    (await data.findAttachmentsInfo(platform.database.orm, workspaceId, unique.filter((id) => attachmentIdPattern.test(id)))).map((row) => [row.id, row]),
  );
  return unique.map((id) => {
    const row = found.get(id);
    const owner = row?.uploadedBy as { type?: string; id?: string } | undefined;
    if (!row || owner?.type !== uploader.type || owner.id !== uploader.id) throw invalid(`Attachment ${id.slice(0, 40)} not found: upload it first`, 'attachment_ids');
    return { type: 'upload', name: row.name, url: fileUrl(platform.config.publicUrl, row.id, row.name), content_type: row.contentType, filesize: row.size, width: null, height: null };
  });
}

/** The files a visitor's message references: its own uploads only. */
export function attachmentsOfMessage(platform: Platform, workspaceId: number, visitorId: string, ids: string[]): Promise<StoredAttachment[]> {
  return uploadsOf(platform, workspaceId, { type: 'visitor', id: visitorId }, ids);
}

/** How a stored file is served: inline only for plain images; never sniffed, never scripted. */
export function servingHeaders(row: { name: string; contentType: string }): Record<string, string> {
  const inline = row.contentType in inlineSignatures;
  const ascii = row.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return {
    'Content-Type': activeContent.test(row.contentType) ? 'application/octet-stream' : row.contentType,
    'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': 'sandbox',
    'Cache-Control': 'private, max-age=86400',
  };
}

/** A stored file by the id its URL names; 404 when there is none. */
export async function loadAttachmentFile(platform: Platform, id: string): Promise<data.AttachmentRow> {
  const row = attachmentIdPattern.test(id) ? await data.findAttachment(platform.database.orm, id) : undefined;
  if (!row) throw new AppError(404, 'not_found', 'File not found');
  return row;
}

/**
 * A content-type parser for raw uploads that stops with 413 as soon as the body passes the limit the
 * request allows (a missing or false Content-Length is no way around it).
 */
export function limitedUploadParser(limitOf: (request: FastifyRequest) => number) {
  return (request: FastifyRequest, payload: NodeJS.ReadableStream, done: (error: Error | null, body?: Buffer) => void): void => {
    const limit = limitOf(request);
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const finish = (error: Error | null, body?: Buffer) => {
      if (finished) return;
      finished = true;
      done(error, body);
    };
    payload.on('data', (chunk: Buffer) => {
      if (finished) return;
      size += chunk.length;
      if (size > limit) finish(tooLarge(limit));
      else chunks.push(chunk);
    });
    payload.on('end', () => finish(null, Buffer.concat(chunks)));
    payload.on('error', (error: Error) => finish(error));
  };
}
