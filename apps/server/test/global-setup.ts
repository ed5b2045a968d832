import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { openDatabase } from '../src/platform/db/database.ts';

/**
 * Opening a new PGlite directory runs initdb (seconds); tests instead copy one migrated template,
 * rebuilt whenever the migrations change.
 */
export default async function setup(): Promise<void> {
  const migrations = path.resolve(import.meta.dirname, '../src/db/migrations');
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(migrations, { recursive: true }).map(String).sort()) {
    const full = path.join(migrations, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  const template = path.join(os.tmpdir(), `frontdesk-test-template-${hash.digest('hex').slice(0, 12)}`);
  if (!fs.existsSync(path.join(template, 'ready'))) {
    fs.rmSync(template, { recursive: true, force: true });
    const database = await openDatabase({ dataDir: template });
    await database.close();
    fs.writeFileSync(path.join(template, 'ready'), '');
  }
  process.env.FRONTDESK_TEST_TEMPLATE = template;
}
