import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/http/errors.ts';
import type { Platform } from '../../platform/platform.ts';

const messengerDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../messenger/dist');
/** Workspace `id_code`s are short and alphanumeric; anything else is no Messenger of ours. */
const appIdShape = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The frame runs only its own script and stylesheet, and talks only to this origin (the WebSocket
 * included: CSP 3 lets 'self' match ws:/wss: of the same host). Images may come from https (teammate
 * avatars); scripts, styles, frames and forms may not. Any page may embed it: that is its job.
 */
const frameCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

interface Bundle {
  loader: Buffer;
  frameScript: Buffer;
  frameStyle: Buffer;
  /** A content hash: the frame page asks for its assets with it, so they can be cached for long. */
  version: string;
  page: string;
}

function readBundle(): Bundle | undefined {
  try {
    const read = (name: string) => fs.readFileSync(path.join(messengerDist, name));
    const loader = read('loader.js');
    const frameScript = read('frame.js');
    const frameStyle = read('frame.css');
    const version = createHash('sha256').update(frameScript).update(frameStyle).digest('hex').slice(0, 16);
    const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Messenger</title>
<link rel="stylesheet" href="/messenger/frame.css?v=${version}">
<script src="/messenger/frame.js?v=${version}" defer></script>
</head>
<body><div id="messenger"></div></body>
</html>
`;
    return { loader, frameScript, frameStyle, version, page };
  } catch {
    return undefined;
  }
}

/** The Messenger's scripts and frame: `/widget/:app_id`, `/messenger.js`, `/messenger/frame`. */
export const widgetRoutes: FastifyPluginAsyncTypebox<{ platform: Platform }> = async (app) => {
  const bundle = readBundle();
  if (!bundle) app.log.warn(`Messenger is not built (${messengerDist} is missing files): run "npm run build"`);
  const built = (): Bundle => {
    if (!bundle) throw new AppError(503, 'messenger_not_built', 'The Messenger is not built on this server: run "npm run build" and restart it');
    return bundle;
  };

  const sendLoader = (reply: FastifyReply) =>
    reply
      .type('application/javascript; charset=utf-8')
      // Short: a new release reaches customers' pages within minutes.
      .header('Cache-Control', 'public, max-age=300')
      .header('Access-Control-Allow-Origin', '*')
      .header('Cross-Origin-Resource-Policy', 'cross-origin')
      .header('X-Content-Type-Options', 'nosniff')
      .send(built().loader);

  const sendAsset = (reply: FastifyReply, type: string, body: Buffer, version: string | undefined) =>
    reply
      .type(type)
      .header('Cache-Control', version === built().version ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('X-Content-Type-Options', 'nosniff')
      .send(body);

  const appIdParams = { params: Type.Object({ app_id: Type.String({ maxLength: 200 }) }) };
  const versionQuery = { querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 64 })) }) };

  app.get('/widget/:app_id', { schema: { hide: true, ...appIdParams } }, async (request, reply) => {
    if (!appIdShape.test(request.params.app_id)) throw new AppError(404, 'not_found', 'No Messenger for this app id');
    return sendLoader(reply);
  });

  app.get('/messenger.js', { schema: { hide: true } }, async (_request, reply) => sendLoader(reply));

  app.get('/messenger/frame', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .header('Content-Security-Policy', frameCsp)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .send(built().page),
  );

  app.get('/messenger/frame.js', { schema: { hide: true, ...versionQuery } }, async (request, reply) =>
    sendAsset(reply, 'application/javascript; charset=utf-8', built().frameScript, request.query.v),
  );

  app.get('/messenger/frame.css', { schema: { hide: true, ...versionQuery } }, async (request, reply) =>
    sendAsset(reply, 'text/css; charset=utf-8', built().frameStyle, request.query.v),
  );
};
