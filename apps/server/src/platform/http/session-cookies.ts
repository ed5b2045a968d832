import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { safeEqual } from '../crypto/tokens.ts';
import { AppError } from './errors.ts';
import type { RequestMeta } from '../platform.ts';

export const sessionCookie = 'fd_session';
export const csrfCookie = 'fd_csrf';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const secure = (config: Config) => config.publicUrl.startsWith('https:');

export function setSessionCookie(reply: FastifyReply, config: Config, token: string, maxAgeSeconds: number): void {
  reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(config), maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: secure(config) });
}

export const sessionToken = (request: FastifyRequest): string | undefined => request.cookies[sessionCookie];

export const requestMeta = (request: FastifyRequest): RequestMeta => ({ ip: request.ip, userAgent: request.headers['user-agent'] ?? null });

/**
 * Double-submit CSRF protection for cookie-authenticated requests: reads hand out a random readable
 * cookie, and every write must echo it in X-CSRF-Token — which a cross-site form cannot do.
 */
export function csrfHook(config: Config) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const cookie = request.cookies[csrfCookie];
    if (!unsafeMethods.has(request.method)) {
      if (!cookie) {
        reply.setCookie(csrfCookie, randomBytes(24).toString('base64url'), { path: '/', sameSite: 'lax', secure: secure(config) });
      }
      return;
    }
    const header = request.headers['x-csrf-token'];
    if (!cookie || typeof header !== 'string' || !safeEqual(cookie, header)) {
      throw new AppError(403, 'csrf_token_invalid', 'Missing or invalid CSRF token: reload the page and try again');
    }
  };
}
