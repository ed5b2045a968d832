import { type LookupAddress, promises as dns } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Config } from '../config.ts';
import { createOutboundPolicy, type OutboundPolicy } from './address-policy.ts';

/**
 * The one way the server calls the outside world (webhooks, custom actions). Every hop is resolved
 * with DNS, every address checked against the policy, and the connection pinned to the checked
 * address, so a DNS answer that changes between check and connect (rebinding) cannot redirect it.
 * Redirects are followed by hand and re-checked; time and response size are bounded.
 */
export interface OutboundRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The whole exchange, redirects included (default OUTBOUND_TIMEOUT_MS or 5 s). */
  timeoutMs?: number;
  /** Bytes of response body kept; the rest is not read (default 64 kB). */
  maxResponseBytes?: number;
  maxRedirects?: number;
}

export interface OutboundResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  truncated: boolean;
  /** The URL that answered, after redirects. */
  url: string;
  address: string;
}

export type OutboundErrorCode = 'invalid_url' | 'refused' | 'dns_failed' | 'timeout' | 'too_many_redirects' | 'network';

export class OutboundError extends Error {
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const policies = new WeakMap<readonly string[], OutboundPolicy>();

/** The policy of this configuration's OUTBOUND_ALLOWLIST (compiled once). */
export function outboundPolicy(config: Pick<Config, 'OUTBOUND_ALLOWLIST'>): OutboundPolicy {
  let policy = policies.get(config.OUTBOUND_ALLOWLIST);
  if (!policy) {
    policy = createOutboundPolicy(config.OUTBOUND_ALLOWLIST);
    policies.set(config.OUTBOUND_ALLOWLIST, policy);
  }
  return policy;
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundError('invalid_url', `"${text}" is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('invalid_url', `Only http and https URLs can be called, not ${url.protocol}`);
  }
  return url;
}

const bareHost = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Resolves the URL's host and returns an address the policy admits, or throws why not. */
async function resolveChecked(policy: OutboundPolicy, url: URL): Promise<LookupAddress> {
  const host = bareHost(url);
  let addresses: LookupAddress[];
  const family = net.isIP(host);
  if (family) addresses = [{ address: host, family }];
  else {
    try {
      addresses = await dns.lookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw new OutboundError('dns_failed', `${host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? 'DNS error'})`);
    }
  }
  let refusal: string | undefined;
  for (const candidate of addresses) {
    const reason = policy.refusal(host, candidate.address);
    if (!reason) return candidate;
    refusal ??= reason;
  }
  throw new OutboundError('refused', refusal ?? `${host} has no address`);
}

/** Checks a URL the way a request would (at save time), without connecting. */
export async function checkOutboundUrl(policy: OutboundPolicy, url: string): Promise<void> {
  await resolveChecked(policy, parseUrl(url));
}

interface Hop {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

function sendHop(hop: Hop, pinned: LookupAddress, maxBytes: number, signal: AbortSignal): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    const headers = { ...hop.headers };
    if (hop.body !== undefined) headers['content-length'] = String(Buffer.byteLength(hop.body));
    const transport = hop.url.protocol === 'https:' ? https : http;
    const request = transport.request(
      {
        protocol: hop.url.protocol,
        hostname: bareHost(hop.url),
        port: hop.url.port || undefined,
        path: `${hop.url.pathname}${hop.url.search}`,
        method: hop.method,
        headers,
        auth: hop.url.username ? `${decodeURIComponent(hop.url.username)}:${decodeURIComponent(hop.url.password)}` : undefined,
        // A fresh connection to the checked address: pooled sockets or a second DNS answer could point elsewhere.
        agent: false,
        lookup: (_hostname, options, callback) => {
          if ((options as { all?: boolean }).all) (callback as (e: null, a: LookupAddress[]) => void)(null, [pinned]);
          else callback(null, pinned.address, pinned.family);
        },
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        const finish = () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            truncated,
            url: hop.url.toString(),
            address: pinned.address,
          });
        response.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = maxBytes - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            truncated = true;
            response.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', finish);
        response.on('error', (error) => (truncated ? undefined : reject(error)));
      },
    );
    request.on('error', reject);
    request.end(hop.body);
  });
}

function nextHop(hop: Hop, response: OutboundResponse): Hop {
  const location = response.headers.location as string;
  const url = parseUrl(new URL(location, hop.url).toString());
  const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && hop.method === 'POST');
  const headers = { ...hop.headers };
  if (toGet) {
    delete headers['content-type'];
  }
  if (url.origin !== hop.url.origin) {
    delete headers.authorization;
    delete headers.cookie;
  }
  return { url, method: toGet ? 'GET' : hop.method, headers, body: toGet ? undefined : hop.body };
}

/** Sends one request through the guard. Throws OutboundError when refused, unreachable or too slow. */
export async function sendOutbound(policy: OutboundPolicy, request: OutboundRequest): Promise<OutboundResponse> {
  const timeoutMs = request.timeoutMs ?? 5000;
  const maxRedirects = request.maxRedirects ?? 5;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new OutboundError('timeout', `No complete answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  timedOut.catch(() => {});
  const headers = Object.fromEntries(Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  let hop: Hop = { url: parseUrl(request.url), method: (request.method ?? 'GET').toUpperCase(), headers, body: request.body };
  try {
    for (let redirects = 0; ; redirects++) {
      const pinned = await Promise.race([resolveChecked(policy, hop.url), timedOut]);
      const response = await Promise.race([
        sendHop(hop, pinned, request.maxResponseBytes ?? 64 * 1024, controller.signal).catch((error: Error) => {
          if (controller.signal.aborted) return timedOut;
          throw new OutboundError('network', `${hop.url.host}: ${(error as NodeJS.ErrnoException).code ?? error.message}`);
        }),
        timedOut,
      ]);
      if (!redirectStatuses.has(response.status) || !response.headers.location) return response;
      if (redirects >= maxRedirects) throw new OutboundError('too_many_redirects', `Stopped after ${maxRedirects} redirects`);
      hop = nextHop(hop, response);
    }
  } finally {
    clearTimeout(timer);
  }
}
