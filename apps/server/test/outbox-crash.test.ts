import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type SpawnedServer, spawnServer, type TestDatabase } from './harness.ts';
import { browser, goodPassword, uniqueEmail } from './http-client.ts';

let database: TestDatabase | undefined;
let running: SpawnedServer | undefined;
afterEach(async () => {
  await running?.kill('SIGKILL');
  await database?.drop();
});

describe('the outbox across a crash', () => {
  it('an event committed by a process killed before dispatch is delivered after the restart', async () => {
    database = await createTestDatabase();
    // ROLE=api serves HTTP but runs no dispatcher: every commit is left undispatched, as in a crash right after COMMIT.
    running = await spawnServer({ ...database.env, ROLE: 'api' });
    const email = uniqueEmail('crash');
    const owner = await browser(running.url);
    expect((await owner.post('/app-api/signup', { name: 'Casey', email, password: goodPassword, workspace_name: 'Crashy' })).status).toBe(201);
    expect((await owner.get('/app-api/audit-events')).body.events).toEqual([]);
    expect(await running.kill('SIGKILL')).toBe(null);

    running = await spawnServer({ ...database.env, ROLE: 'all' });
    const again = await browser(running.url);
    expect((await again.post('/app-api/login', { email, password: goodPassword })).status).toBe(200);
    let actions: { action: string; metadata: { method?: string } }[] = [];
    for (let attempt = 0; attempt < 100 && !actions.some((a) => a.metadata.method === 'password'); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      actions = (await again.get('/app-api/audit-events')).body.events;
    }
    // The events from before the crash, once each, followed by the new sign-in.
    expect(actions.map((a) => a.action).reverse()).toEqual(['app_creation', 'admin_login_success', 'admin_login_success']);
    expect(actions.map((a) => a.metadata.method).reverse()).toEqual([undefined, 'signup', 'password']);
  });
});
