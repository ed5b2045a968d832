/**
 * npm run bench:api — contacts created and teammate replies posted through HTTP to a Frontdesk
 * process on server PostgreSQL, at several concurrencies, next to the same rows inserted through the
 * bare `pg` driver. Prints one JSON object per line; the last line is the summary.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; a fresh
 * database is created on it and dropped at the end. BENCH_SECONDS sets each scenario's length (5),
 * BENCH_CONCURRENCY the requests in flight (1,16,32,48,64).
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import pg from 'pg';
import { cpuMeter, createBenchDatabase, percentile, startFrontdesk } from './support.ts';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? '1,16,32,48,64').split(',').map(Number);
/** The latency bound: the summary also names the best rate that kept its p99 within it. */
const p99TargetMs = 25;
const token = `fd_at_bench${randomBytes(16).toString('hex')}`;

interface Result {
  scenario: string;
  concurrency: number;
  requests: number;
  errors: number;
  per_second: number;
  p50_ms: number;
  p99_ms: number;
}

const print = (line: object) => console.log(JSON.stringify({ bench: 'api', ...line }));

/** Runs `operation` from `concurrency` loops for `seconds`, recording each latency. */
async function load(scenario: string, concurrency: number, operation: (worker: number, n: number) => Promise<boolean>): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const begin = performance.now();
        const ok = await operation(worker, n).catch(() => false);
        latencies.push(performance.now() - begin);
        if (!ok) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const result = {
    scenario,
    concurrency,
    requests: latencies.length,
    errors,
    per_second: Math.round((latencies.length - errors) / elapsed),
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
  };
  print(result);
  return result;
}

function client(baseUrl: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const { hostname, port } = new URL(baseUrl);
  return (method: string, pathname: string, body?: unknown) =>
    new Promise<{ status: number; json: any }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const request = http.request(
        {
          agent,
          hostname,
          port,
          method,
          path: `/api${pathname}`,
          headers: { authorization: `Bearer ${token}`, accept: '*/*', ...(payload ? { 'content-type': 'application/json' } : {}) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            resolve({ status: response.statusCode ?? 0, json: text ? JSON.parse(text) : undefined });
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
}

async function outboxLag(url: string): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  return Number(metrics.match(/^outbox_lag_events (\d+)/m)?.[1] ?? Number.NaN);
}

/** The same rows as a teammate reply — part, conversation statistics, outbox event — through the bare driver. */
async function baselineReplies(databaseUrl: string, conversationIds: string[], workspaceId: number, concurrency: number): Promise<Result> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: Math.min(concurrency, 20) });
  const result = await load('baseline_pg_reply', concurrency, async (worker, n) => {
    const conversationId = conversationIds[(worker + n) % conversationIds.length] as string;
    const client = await pool.connect();
    try {
      await client.query('begin');
      await client.query('select id from conversations where workspace_id = $1 and id = $2 for update', [workspaceId, conversationId]);
      const partId = String(BigInt(`0x${randomBytes(6).toString('hex')}`));
      await client.query(
        `insert into conversation_parts (workspace_id, conversation_id, id, part_type, body, author_type, author_id)
         values ($1, $2, $3, 'comment', '<p>baseline reply</p>', 'admin', '1')`,
        [workspaceId, conversationId, partId],
      );
      await client.query(
        `update conversations set updated_at = now(), count_conversation_parts = count_conversation_parts + 1,
           last_admin_reply_at = now(), waiting_since = null where workspace_id = $1 and id = $2`,
        [workspaceId, conversationId],
      );
      await client.query(
        `with next as (insert into aggregate_sequences values ($1, 'conversation', $2, 1)
           on conflict (workspace_id, aggregate_type, aggregate_id) do update set last_sequence = aggregate_sequences.last_sequence + 1
           returning last_sequence)
         insert into events (workspace_id, aggregate_type, aggregate_id, sequence, type, payload)
         select $1, 'conversation', $2, last_sequence, 'conversation.part.created', $3::jsonb from next`,
        [workspaceId, conversationId, JSON.stringify({ conversation_id: conversationId, part_id: partId })],
      );
      await client.query('commit');
      return true;
    } catch {
      await client.query('rollback');
      return false;
    } finally {
      client.release();
    }
  });
  await pool.end();
  return result;
}

async function main() {
  const database = await createBenchDatabase(serverUrl);
  const databaseUrl = database.url;
  const frontdesk = await startFrontdesk(databaseUrl, token);
  const api = client(frontdesk.url);
  print({ scenario: 'setup', cpus: os.cpus().length, node: process.version, seconds, concurrencies, server_pid: frontdesk.pid });
  try {
    const me = (await api('GET', '/me')).json;
    const results: Result[] = [];
    for (const concurrency of concurrencies) {
      results.push(
        await load('create_contact', concurrency, async (worker, n) => {
          const response = await api('POST', '/contacts', { role: 'user', external_id: `c${concurrency}-${worker}-${n}`, name: `Contact ${n}` });
          return response.status === 200;
        }),
      );
    }
    const contacts = (await api('GET', '/contacts?per_page=100')).json.data as { id: string }[];
    const conversationIds: string[] = [];
    for (const contact of contacts) {
      const created = await api('POST', '/conversations', { from: { type: 'user', id: contact.id }, body: 'I need help with my order' });
      conversationIds.push(created.json.conversation_id);
    }
    const meter = await cpuMeter(frontdesk.pid, databaseUrl);
    const profiler = await frontdesk.profile();
    for (const concurrency of concurrencies) {
      await meter.start();
      await profiler.start();
      results.push(
        await load('teammate_reply', concurrency, async (worker, n) => {
          const conversationId = conversationIds[(worker + n) % conversationIds.length];
          const response = await api('POST', `/conversations/${conversationId}/reply`, {
            message_type: 'comment',
            type: 'admin',
            admin_id: me.id,
            body: `Reply ${n} from worker ${worker}`,
          });
          return response.status === 200;
        }),
      );
      const drainStarted = performance.now();
      while ((await outboxLag(frontdesk.url)) > 0 && performance.now() - drainStarted < 60_000) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await profiler.stop(`api-teammate-reply-c${concurrency}`);
      const replies = results.at(-1) as Result;
      print({
        scenario: 'events_published',
        concurrency,
        after_ms: Math.round(performance.now() - drainStarted),
        outbox_lag: await outboxLag(frontdesk.url),
        ...(await meter.perOperation(replies.requests)),
      });
    }
    await meter.close();
    const benchDb = new pg.Client({ connectionString: databaseUrl });
    await benchDb.connect();
    const workspace = Number((await benchDb.query('select id from workspaces limit 1')).rows[0].id);
    await benchDb.end();
    for (const concurrency of concurrencies) results.push(await baselineReplies(databaseUrl, conversationIds, workspace, concurrency));

    const best = (scenario: string) => results.filter((r) => r.scenario === scenario).sort((a, b) => b.per_second - a.per_second)[0];
    const replies = best('teammate_reply');
    const baseline = best('baseline_pg_reply');
    const withinTarget = results
      .filter((r) => r.scenario === 'teammate_reply' && r.p99_ms <= p99TargetMs)
      .sort((a, b) => b.per_second - a.per_second)[0];
    print({
      scenario: 'summary',
      replies_per_second: replies?.per_second,
      replies_p50_ms: replies?.p50_ms,
      replies_p99_ms: replies?.p99_ms,
      replies_at_concurrency: replies?.concurrency,
      baseline_per_second: baseline?.per_second,
      ratio_to_baseline: replies && baseline ? Number((replies.per_second / baseline.per_second).toFixed(2)) : null,
      contacts_per_second: best('create_contact')?.per_second,
      [`replies_per_second_p99_within_${p99TargetMs}_ms`]: withinTarget?.per_second ?? null,
      [`replies_p99_within_${p99TargetMs}_ms_at_concurrency`]: withinTarget?.concurrency ?? null,
    });
  } finally {
    await frontdesk.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
