import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

const executablePath = '/usr/bin/chromium';

export const chromiumAvailable = existsSync(executablePath);
/** Set REQUIRE_E2E=1 (CI) to turn a missing browser into a failure instead of a skip. */
export const e2eRequired = process.env.REQUIRE_E2E === '1';

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
