import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../apps/server/test/harness.ts';

const executablePath = '/usr/bin/chromium';

export const chromiumAvailable = existsSync(executablePath);
/** Set REQUIRE_E2E=1 (CI) to turn a missing browser into a failure instead of a skip. */
export const e2eRequired = process.env.REQUIRE_E2E === '1';

/** Debian's Chromium, headless, with nothing that reaches the network on its own. */
export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable) {
    throw new Error(`REQUIRE_E2E=1 but ${executablePath} is missing: install it with apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface Viewport {
  width: number;
  height: number;
}

/** What a file of browser tests works with: the real server, one Chromium, and a fresh context per page. */
export interface BrowserTests {
  readonly server: TestServer;
  readonly browser: Browser;
  /** A new context (its own cookies and storage), closed after the test. */
  newContext(viewport?: Viewport): Promise<BrowserContext>;
  /** A page in a new context (see newContext). */
  newPage(viewport?: Viewport): Promise<Page>;
}

/**
 * Sets up a describe block of browser tests: before them Chromium starts and then the real server on a
 * fresh database (with `env` added to its configuration); after each test its contexts close; after
 * them the browser and the server stop. Call it in the describe body.
 */
export function browserTests(options: { viewport?: Viewport; env?: Record<string, string> } = {}): BrowserTests {
  const defaultViewport = options.viewport ?? { width: 1280, height: 800 };
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test`);
    return value;
  };

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startTestServer(options.env ? { env: options.env } : {});
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const tests: BrowserTests = {
    get server() {
      return started(server, 'the server');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    async newContext(viewport = defaultViewport) {
      const context = await started(browser, 'Chromium').newContext({ viewport });
      contexts.push(context);
      return context;
    },
    async newPage(viewport = defaultViewport) {
      return (await tests.newContext(viewport)).newPage();
    },
  };
  return tests;
}
