import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { ConfigError } from '../config.ts';

export type Db = PgDatabase<PgQueryResultHKT>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
/** Anything that runs SQL: the database itself or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  orm: Db;
  /** Runs `work` in one transaction; after it commits, the commit listeners run (the dispatcher's wake-up). */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  onCommit(listener: () => void): void;
  ping(): Promise<void>;
  poolStats(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

/** Rows of a raw SQL statement, on either driver. */
export async function rows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl)
    : await openPglite(path.join(options.dataDir, 'pglite'));
  return database;
}

function withCommitListeners(kind: Database['kind'], orm: Db, rest: Pick<Database, 'ping' | 'poolStats' | 'close'>): Database {
  const listeners: (() => void)[] = [];
  return {
    kind,
    orm,
    async transaction(work) {
      const result = await orm.transaction(work);
      for (const listener of listeners) listener();
      return result;
    },
    onCommit: (listener) => listeners.push(listener),
    ...rest,
  };
}

async function openPglite(dir: string): Promise<Database> {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    const probe = path.join(dir, '.write-probe');
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    throw new ConfigError('DATA_DIR', `${path.dirname(dir)} is not a writable directory (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
  const client = new PGlite(dir);
  try {
    await client.waitReady;
  } catch (error) {
    throw new ConfigError('DATA_DIR', `cannot open the embedded database in ${dir}: ${(error as Error).message}`);
  }
  const orm = drizzlePglite(client);
  await migratePglite(orm, { migrationsFolder });
  return withCommitListeners('pglite', orm as unknown as Db, {
    ping: async () => {
      await client.query('select 1');
    },
    poolStats: () => ({ total: 1, idle: 1, waiting: 0 }),
    close: () => client.close(),
  });
}

/**
 * Statement texts that recur are sent as named prepared statements: each connection parses and plans
 * them once and PostgreSQL reuses the plan. Planning costs more than running most of our statements
 * (measured: the conversation lock 1.9 ms unnamed, 0.3 ms prepared), so this is the hot path's largest
 * saving. A text is named from its second use, and only the first `maxNamed` texts a process sees twice
 * are: dynamic texts (IN lists of every length, search filters) must not grow every backend's cache.
 * A text holding `planEachTime` is never named: its best plan depends on how common a value is (a
 * tag on 30% of conversations or on 0.1%), which a generic plan cannot know.
 */
export const planEachTime = sql.raw('/* fd:plan-each-time */');

/**
 * A row count (a LIMIT) written into the text, not bound: a prepared statement's generic plan then
 * still knows how few rows are wanted. With a parameter it assumes a tenth of the rows, and may read
 * every match of a common word to sort them instead of walking an index in order.
 */
export function rowCount(count: number): SQL {
  if (!Number.isSafeInteger(count) || count < 0) throw new Error(`not a row count: ${count}`);
  return sql.raw(String(count));
}
const planEachTimeMark = 'fd:plan-each-time';

class StatementNames {
  private static readonly maxNamed = 400;
  private static readonly maxCounted = 10_000;
  private readonly named = new Map<string, string>();
  private readonly counted = new Map<string, number>();

  nameOf(text: string): string | undefined {
    const name = this.named.get(text);
    if (name !== undefined || this.named.size >= StatementNames.maxNamed || text.includes(planEachTimeMark)) return name;
    const seen = (this.counted.get(text) ?? 0) + 1;
    if (seen < 2) {
      if (this.counted.size >= StatementNames.maxCounted) this.counted.clear();
      this.counted.set(text, seen);
      return undefined;
    }
    this.counted.delete(text);
    const named = `fd_${createHash('sha1').update(text).digest('base64url')}`;
    this.named.set(text, named);
    return named;
  }
}

const answered = (command: string) => ({ command, rowCount: null, oid: null, rows: [], fields: [] });

const lastStatementMark = 'fd:last-statement';

/**
 * Marks a statement as its transaction's last: on a pipelined connection, COMMIT goes out in the same
 * write right behind it, and the transaction's own COMMIT is answered by that one. The write path's
 * batch then costs two round trips instead of three (measured: teammate replies at 48 in flight,
 * 2,888/s p99 27.4 ms → 3,020–3,428/s p99 23.3–25.0 ms). Nothing may run in the transaction after it (the client
 * refuses), nor may the work throw after it: the commit has already been asked for.
 */
export function lastStatement(query: SQL): SQL {
  return sql`/* ${sql.raw(lastStatementMark)} */ ${query}`;
}

/**
 * The pool's client: names recurring statement texts (see StatementNames) and, on a pipelined
 * connection, holds a transaction's BEGIN until its first statement, then writes both at once, and
 * writes COMMIT right behind a statement marked `lastStatement`. Each round trip costs both processes
 * a write and a wake-up (about 0.2 ms of CPU here, whatever the statement), and every transaction
 * began with one that carried nothing and ended with another. The first statement's result waits for
 * BEGIN's too, so a failed BEGIN still fails the transaction; a transaction that ran nothing ends
 * without a word to the server. A last statement that fails leaves the transaction aborted, and the
 * COMMIT behind it rolls it back (PostgreSQL answers ROLLBACK).
 */
function preparingClient(names: StatementNames): typeof pg.Client {
  return class PreparingClient extends pg.Client {
    private heldBegin: { config: any; values: any } | undefined;
    private inTransaction = false;
    /** The COMMIT already written behind a last statement. */
    private committing: Promise<any> | undefined;

    override query(config: any, values?: any, callback?: any): any {
      if (config && typeof config === 'object' && typeof config.text === 'string' && config.name === undefined && typeof config.submit !== 'function') {
        const name = names.nameOf(config.text);
        if (name) config = { ...config, name };
      }
      const held = this.heldBegin;
      this.heldBegin = undefined;
      const text = config?.text;
      if (text === 'begin') this.inTransaction = true;
      else if (text === 'commit' || text === 'rollback') this.inTransaction = false;
      const committing = this.committing;
      if (committing) {
        if (text !== 'commit' && text !== 'rollback') throw new Error("a statement after the one marked as its transaction's last");
        this.committing = undefined;
        return text === 'commit' ? committing : committing.then(() => answered('ROLLBACK'));
      }
      const promised = callback === undefined && typeof values !== 'function' && typeof config?.submit !== 'function';
      if (!promised || !(this as unknown as { pipeline: boolean }).pipeline) {
        if (held) super.query(held.config, held.values).catch(() => {});
        return super.query(config, values, callback);
      }
      const last = this.inTransaction && typeof text === 'string' && text.includes(lastStatementMark);
      if (!held) {
        if (text === 'begin') {
          this.heldBegin = { config, values };
          return Promise.resolve(answered('BEGIN'));
        }
        if (!last) return super.query(config, values);
      } else if (text === 'commit' || text === 'rollback') {
        return Promise.resolve(answered(text.toUpperCase()));
      }
      const stream = (this as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
      stream.cork();
      try {
        const begun = held ? super.query(held.config, held.values) : undefined;
        const result = super.query(config, values);
        if (last) {
          this.inTransaction = false;
          this.committing = super.query({ text: 'commit' });
          // Its outcome is the transaction's COMMIT's, awaited there.
          this.committing.catch(() => {});
        }
        return begun ? Promise.all([begun, result]).then(([, answer]) => answer) : result;
      } finally {
        stream.uncork();
      }
    }
  };
}

const maxLifetimeSeconds = { min: 240, max: 360 };

/** The pool a Frontdesk process talks to server PostgreSQL through (benches use it too, to plan as we do). */
export function postgresPool(url: string, max = 20): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: 5000,
    // A connection, once made, is kept for its lifetime (below): a new one costs the request that waits for it
    // the connection and a fresh backend's catalog reads (measured: a list page 17 ms on it, 8.5 ms after). With
    // a 30 s idle timeout, every rise in load after a quieter minute paid that.
    idleTimeoutMillis: maxLifetimeSeconds.max * 1000,
    // Our statements are short, and concurrent requests share the cores: JIT compilation (above jit_above_cost)
    // costs more than it saves (measured: 18 ms of a 52 ms search), and so does starting parallel workers for an
    // estimate of many rows that a LIMIT then cuts to a few hundred (a search's prefix part, a count).
    options: '-c jit=off -c max_parallel_workers_per_gather=0',
    // Statements are written without waiting for the one before (each still has its own Sync, so one
    // failing does not fail the next); what we await, we await, but a BEGIN goes out with what follows.
    pipeline: true,
    Client: preparingClient(new StatementNames()),
  });
  // Connections are renewed every four to six minutes, and with them their prepared plans: a plan made while a
  // table was small (a new workspace, a fresh install) does not outlive the statistics it was made with. pg-pool
  // reads the lifetime as each connection is made: spread, connections made together (at start, in a burst) are
  // not all replaced at once.
  Object.defineProperty(pool.options, 'maxLifetimeSeconds', {
    get: () => maxLifetimeSeconds.min + Math.floor(Math.random() * (maxLifetimeSeconds.max - maxLifetimeSeconds.min + 1)),
  });
  return pool;
}

async function openPostgres(url: string): Promise<Database> {
  const pool = postgresPool(url);
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => {});
    const parsed = new URL(url);
    throw new ConfigError('DATABASE_URL', `cannot connect to PostgreSQL at ${parsed.host}${parsed.pathname}: ${describeConnectError(error)}`);
  }
  try {
    // Several nodes may start at once: one applies the migrations, the others wait for it.
    await client.query('select pg_advisory_lock(727274001)');
    await migratePg(drizzlePg(client), { migrationsFolder });
  } finally {
    await client.query('select pg_advisory_unlock(727274001)').catch(() => {});
    client.release();
  }
  const orm = drizzlePg(pool);
  return withCommitListeners('postgres', orm as unknown as Db, {
    ping: async () => {
      await pool.query('select 1');
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  });
}

function describeConnectError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND') return 'host not found';
  if (code === '3D000') return 'database does not exist';
  if (code === '28P01' || code === '28000') return 'authentication failed';
  return message || String(code ?? error);
}

