import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../../platform/http/auth.ts';
import { unauthorized } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { ContactRow } from '../contacts/service.ts';
import * as data from './data.ts';
import { verificationFailed } from './identity-verification.ts';
import { readVisitorToken } from './visitor-token.ts';
import { type WorkspaceMessenger, workspaceMessenger } from './workspace-messenger.ts';

/** Who is calling the visitor API: a visitor of a workspace, and the contact it is (once it is one). */
export interface VisitorSession {
  messenger: WorkspaceMessenger;
  visitor: data.VisitorRow;
  contact: ContactRow | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    visitorSession?: VisitorSession;
  }
}

export function sessionOf(request: FastifyRequest): VisitorSession {
  if (!request.visitorSession) throw unauthorized('Boot the Messenger first');
  return request.visitorSession;
}

/** Whether the visitor's identity was verified with the workspace's current secret. */
export function isVerified(visitor: data.VisitorRow, messenger: WorkspaceMessenger): boolean {
  if (!visitor.verifiedAt) return false;
  return !messenger.secretCreatedAt || visitor.verifiedAt >= messenger.secretCreatedAt;
}

/**
 * The session behind `Authorization: Bearer <visitor token>`. A visitor whose contact is a user must
 * have been bound to it by an identified boot — and, with verification enforced, one whose proof was
 * checked with the current secret: a token alone never reaches a user's conversations otherwise.
 */
export function authenticateVisitor(platform: Platform, request: FastifyRequest): Promise<VisitorSession> {
  return visitorSessionOf(platform, bearerToken(request));
}

/** The same check for a token given another way (the realtime socket's query string). */
export async function visitorSessionOf(platform: Platform, token: string | undefined): Promise<VisitorSession> {
  const claims = readVisitorToken(platform.keyring, token);
  const expired = () => unauthorized('The visitor token is missing, invalid or expired: boot the Messenger again');
  if (!claims) throw expired();
  const messenger = await workspaceMessenger(platform, claims.workspaceId);
  if (!messenger) throw expired();
  const db = platform.database.orm;
  const found = await data.findVisitorWithContact(db, claims.workspaceId, claims.visitorId);
  if (!found) throw expired();
  const { visitor, contact } = found;
  if (contact?.role === 'user') {
    if (!visitor.identifiedAt) throw expired();
    if (messenger.enforced && !isVerified(visitor, messenger)) throw verificationFailed('boot again with user_hash or intercom_user_jwt');
  }
  return { messenger, visitor, contact };
}
