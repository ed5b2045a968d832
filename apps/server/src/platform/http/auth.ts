import type { FastifyRequest } from 'fastify';
import type { Permission, Permissions, Role } from '@frontdesk/api-types';
import { AppError, unauthorized } from './errors.ts';

/** Who is making a request, resolved once by a guard and read by routes. */
export interface Actor {
  workspaceId: number;
  teammateId: number;
  role: Role;
  permissions: Permissions;
  via: 'token' | 'session';
  sessionId?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!actor.permissions[permission]) {
    throw new AppError(403, 'forbidden', `Your role does not allow this (missing permission "${permission}")`);
  }
}

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
