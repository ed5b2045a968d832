import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { sessionCookie } from '../../platform/http/session-cookies.ts';
import type { Platform } from '../../platform/platform.ts';
import { visitorSessionOf } from '../messenger/visitor-session.ts';
import { findTeammate } from '../teammates/accounts.ts';
import { actorForSession, findSession } from '../teammates/sessions.ts';
import { lacksRequiredTwoFactor } from '../teammates/two-factor-requirement.ts';
import { teamIdsOf } from '../teams/service.ts';
import { Client, closeCodes, type Identity } from './client.ts';
import type { RealtimeHub } from './hub.ts';

export const realtimePath = '/realtime';
/** Client frames are small (subscribe, typing, ping); anything larger is closed with 1009 by ws. */
const maxFrameBytes = 16 * 1024;
const heartbeatMs = 30_000;
/**
 * Sockets are pinged a slice at a time, one slice a second, each socket every `heartbeatMs`: a ping of
 * every socket at once would stall the event loop (10,000 writes) and every message behind it.
 */
const heartbeatSlices = heartbeatMs / 1000;

export interface RealtimeServer {
  sockets(): number;
  close(): Promise<void>;
}

/**
 * The `/realtime` WebSocket endpoint on the HTTP server: authenticates the upgrade (a visitor token in
 * the query, or a teammate's session cookie with a same-origin `Origin`), then hands the socket to a
 * Client. Pings every 30 s end sockets that stopped answering.
 */
export function attachRealtime(server: Server, platform: Platform, hub: RealtimeHub): RealtimeServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes, perMessageDeflate: false, clientTracking: false });
  const clients = new Map<Client, import('ws').WebSocket>();
  const slices = Array.from({ length: heartbeatSlices }, () => new Set<Client>());
  let nextSlice = 0;

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== realtimePath) return refuse(socket, 404, 'Not Found');
    authenticate(platform, request, url).then(
      (identity) => {
        if (typeof identity === 'number') return refuse(socket, identity, identity === 403 ? 'Forbidden' : 'Unauthorized');
        wss.handleUpgrade(request, socket, head, (ws) => {
          const client = new Client(ws, identity, hub, platform);
          clients.set(client, ws);
          const slice = slices[clients.size % heartbeatSlices] as Set<Client>;
          slice.add(client);
          ws.on('pong', () => {
            client.alive = true;
          });
          ws.on('message', (raw, isBinary) => {
            client.receive(raw as Buffer, isBinary).catch((error) => {
              platform.log.warn({ err: error }, 'realtime: frame handling failed');
              ws.close(closeCodes.policy, 'frame could not be handled');
            });
          });
          ws.on('close', () => {
            clients.delete(client);
            slice.delete(client);
            client.closed();
          });
          ws.on('error', () => ws.terminate());
          client.open().catch((error) => {
            platform.log.warn({ err: error }, 'realtime: opening a socket failed');
            ws.close(closeCodes.goingAway, 'try again');
          });
        });
      },
      (error) => {
        platform.log.warn({ err: error }, 'realtime: authenticating an upgrade failed');
        refuse(socket, 503, 'Service Unavailable');
      },
    );
  });

  const heartbeat = setInterval(() => {
    const slice = slices[nextSlice] as Set<Client>;
    nextSlice = (nextSlice + 1) % heartbeatSlices;
    for (const client of slice) {
      const ws = clients.get(client);
      if (!ws) continue;
      if (!client.alive) {
        ws.terminate();
        continue;
      }
      client.alive = false;
      ws.ping();
    }
  }, heartbeatMs / heartbeatSlices);
  heartbeat.unref();

  return {
    sockets: () => clients.size,
    async close() {
      clearInterval(heartbeat);
      for (const ws of clients.values()) ws.close(closeCodes.goingAway, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

async function authenticate(platform: Platform, request: IncomingMessage, url: URL): Promise<Identity | 401 | 403> {
  const token = url.searchParams.get('visitor_token');
  if (token !== null) {
    // As for the visitor API: a user's visitor must have been verified (when enforced) with the current secret.
    const session = await visitorSessionOf(platform, token).catch(() => undefined);
    return session ? { kind: 'visitor', workspaceId: session.messenger.workspaceId, visitorId: session.visitor.id } : 401;
  }
  const cookie = readCookie(request.headers.cookie, sessionCookie);
  if (!cookie) return 401;
  // A cookie rides along with any page's request: only our own pages may open a teammate socket.
  const origin = request.headers.origin;
  if (origin !== undefined && !sameOrigin(origin, request, platform)) return 403;
  const db = platform.database.orm;
  const session = await findSession(db, cookie);
  if (!session) return 401;
  const actor = await actorForSession(db, session).catch(() => undefined);
  if (!actor) return 401;
  if (await lacksRequiredTwoFactor(db, actor)) return 403;
  const [teammate, teamIds] = await Promise.all([findTeammate(db, actor.teammateId), teamIdsOf(db, actor.workspaceId, actor.teammateId)]);
  return {
    kind: 'teammate',
    workspaceId: actor.workspaceId,
    teammateId: actor.teammateId,
    name: teammate?.name ?? null,
    seesAll: actor.permissions.access_all_conversations === true,
    teamIds: new Set(teamIds),
  };
}

function sameOrigin(origin: string, request: IncomingMessage, platform: Platform): boolean {
  if (origin === new URL(platform.config.publicUrl).origin) return true;
  const host = request.headers.host;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
