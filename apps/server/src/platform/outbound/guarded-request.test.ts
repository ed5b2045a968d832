import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundPolicy, forbiddenReason } from './address-policy.ts';
import { checkOutboundUrl, OutboundError, sendOutbound } from './guarded-request.ts';

let server: http.Server;
let base: string;
let port: number;
const seen: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', body });
      const url = new URL(request.url ?? '/', base);
      if (url.pathname === '/redirect') {
        response.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('to') ?? '/' });
        return response.end();
      }
      if (url.pathname === '/loop') {
        response.writeHead(302, { location: '/loop' });
        return response.end();
      }
      if (url.pathname === '/slow') return setTimeout(() => response.end('late'), 2000);
      if (url.pathname === '/big') return response.end('x'.repeat(200_000));
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(`hello ${request.method} ${body}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function refusal(promise: Promise<unknown>): Promise<OutboundError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundError);
  return error as OutboundError;
}

const open = createOutboundPolicy([]);
const loopbackAllowed = createOutboundPolicy(['127.0.0.1']);

describe('the outbound address policy', () => {
  it('refuses the server’s own networks and admits public addresses', () => {
    for (const address of [
      '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '100.127.255.255',
      '169.254.169.254', '169.254.1.1', '0.0.0.0', '0.1.2.3', '224.0.0.1', '239.1.1.1', '255.255.255.255',
      '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'fd00:ec2::254', 'ff02::1',
      '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', '64:ff9b::7f00:1', '::127.0.0.1',
    ]) {
      expect(forbiddenReason(address), address).toBeDefined();
    }
    for (const address of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(forbiddenReason(address), address).toBeUndefined();
    }
    expect(forbiddenReason('169.254.169.254')).toBe('a cloud metadata address');
  });

  it('admits allowlisted hosts, addresses and ranges only', () => {
    const policy = createOutboundPolicy(['10.0.0.0/8', 'crm.internal', '*.corp.example', 'fd00::1']);
    expect(policy.refusal('10.9.8.7', '10.9.8.7')).toBeUndefined();
    expect(policy.refusal('crm.internal', '192.168.0.5')).toBeUndefined();
    expect(policy.refusal('api.corp.example', '192.168.0.5')).toBeUndefined();
    expect(policy.refusal('fd00::1', 'fd00::1')).toBeUndefined();
    expect(policy.refusal('other.internal', '192.168.0.5')).toMatch(/other\.internal \(192\.168\.0\.5\) is a private address; add it to OUTBOUND_ALLOWLIST/);
    expect(policy.refusal('172.16.0.1', '172.16.0.1')).toMatch(/private/);
  });
});

describe('sendOutbound', () => {
  it('refuses a loopback address by default, before connecting', async () => {
    const before = seen.length;
    const error = await refusal(sendOutbound(open, { url: `${base}/hello` }));
    expect(error.code).toBe('refused');
    expect(error.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect(seen.length).toBe(before);
  });

  it('reaches an allowlisted address and sends the body', async () => {
    const response = await sendOutbound(loopbackAllowed, { url: `${base}/hello`, method: 'POST', body: '{"a":1}', headers: { 'Content-Type': 'application/json' } });
    expect(response.status).toBe(200);
    expect(response.body).toBe('hello POST {"a":1}');
    expect(response.address).toBe('127.0.0.1');
    // A host name goes through DNS once; the connection uses the checked address.
    const byName = await sendOutbound(createOutboundPolicy(['localhost']), { url: `http://localhost:${port}/hello` });
    expect(byName.status).toBe(200);
  });

  it('refuses a redirect from an allowlisted server to a private or metadata address', async () => {
    for (const to of ['http://169.254.169.254/latest/meta-data/', `http://127.0.0.2:${port}/hello`, `http://[::1]:${port}/hello`, 'http://10.0.0.1/']) {
      const error = await refusal(sendOutbound(loopbackAllowed, { url: `${base}/redirect?to=${encodeURIComponent(to)}` }));
      expect(error.code, to).toBe('refused');
    }
  });

  it('follows allowed redirects, turning a POST into a GET on 303 and keeping it on 307', async () => {
    const to = encodeURIComponent(`${base}/hello`);
    const see = await sendOutbound(loopbackAllowed, { url: `${base}/redirect?status=303&to=${to}`, method: 'POST', body: 'x' });
    expect(see.body).toBe('hello GET ');
    const temporary = await sendOutbound(loopbackAllowed, { url: `${base}/redirect?status=307&to=${to}`, method: 'POST', body: 'x' });
    expect(temporary.body).toBe('hello POST x');
    expect(temporary.url).toBe(`${base}/hello`);
  });

  it('stops after five redirects', async () => {
    const error = await refusal(sendOutbound(loopbackAllowed, { url: `${base}/loop` }));
    expect(error.code).toBe('too_many_redirects');
  });

  it('refuses IPv4-mapped IPv6 loopback and a host name resolving to loopback', async () => {
    expect((await refusal(sendOutbound(open, { url: `http://[::ffff:127.0.0.1]:${port}/hello` }))).code).toBe('refused');
    const viaName = await refusal(sendOutbound(open, { url: `http://localhost:${port}/hello` }));
    expect(viaName.code).toBe('refused');
    expect(viaName.message).toMatch(/^localhost \(.*\) is a loopback address/);
    await expect(checkOutboundUrl(open, `http://localhost:${port}/`)).rejects.toThrow(/loopback/);
    await expect(checkOutboundUrl(loopbackAllowed, `${base}/`)).resolves.toBeUndefined();
  });

  it('gives up after the timeout and caps the body it reads', async () => {
    const started = Date.now();
    const error = await refusal(sendOutbound(loopbackAllowed, { url: `${base}/slow`, timeoutMs: 200 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
    const big = await sendOutbound(loopbackAllowed, { url: `${base}/big`, maxResponseBytes: 1000 });
    expect(big.body.length).toBe(1000);
    expect(big.truncated).toBe(true);
  });

  it('refuses other schemes and malformed URLs', async () => {
    expect((await refusal(sendOutbound(open, { url: 'file:///etc/passwd' }))).code).toBe('invalid_url');
    expect((await refusal(sendOutbound(open, { url: 'not a url' }))).code).toBe('invalid_url');
  });
});
