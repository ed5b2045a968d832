import { ConfigError, loadConfig } from './platform/config.ts';
import { startServer } from './server.ts';

/** Process entry: configuration errors end the process with one line naming the variable. */
async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const server = await startServer(config);
  const lines = [`Frontdesk is running at ${server.url} (${server.platform.database.kind}, role ${config.ROLE}, ready in ${Date.now() - started} ms)`];
  if (server.masterKeyGenerated) {
    lines.push(`WARNING: generated a master key in ${config.dataDir}/master.key; set MASTER_KEY in production and keep it safe`);
  }
  if (server.demo) {
    lines.push(`Demo login:     ${server.demo.email} / ${server.demo.password}`, `Demo API token: ${server.demo.apiToken}`);
  }
  console.log(lines.join('\n'));
  const shutdown = (signal: string) => {
    console.log(`${signal}: shutting down`);
    server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`Frontdesk cannot start: ${error.message}`);
  } else {
    console.error(`Frontdesk cannot start: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.LOG_LEVEL === 'debug') console.error(error);
  }
  process.exit(1);
});
