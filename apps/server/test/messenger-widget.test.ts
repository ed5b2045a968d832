import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('the Messenger scripts and frame', () => {
  it('serves the loader at /widget/<app_id> and /messenger.js as UTF-8 JavaScript with a short cache', async () => {
    for (const path of ['/widget/abc123xy', '/messenger.js']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('public, max-age=300');
      expect(await response.text()).toContain('frontdesk-visitor-');
    }
  });

  it('answers 404 for an app id that cannot be one', async () => {
    const response = await fetch(`${server.url}/widget/${encodeURIComponent('<script>')}`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe('not_found');
  });

  it('serves the frame page under a CSP that allows only its own origin, and its assets by version', async () => {
    const page = await fetch(`${server.url}/messenger/frame?app_id=abc123xy`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(page.headers.get('x-frame-options')).toBeNull();
    const html = await page.text();
    const script = /src="(\/messenger\/frame\.js\?v=[0-9a-f]+)"/.exec(html)?.[1];
    const style = /href="(\/messenger\/frame\.css\?v=[0-9a-f]+)"/.exec(html)?.[1];
    expect(script && style).toBeTruthy();

    const js = await fetch(`${server.url}${script}`);
    expect(js.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    const css = await fetch(`${server.url}${style}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const stale = await fetch(`${server.url}/messenger/frame.js?v=old`);
    expect(stale.headers.get('cache-control')).toBe('no-cache');
  });
});
