import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it, vi } from 'vitest';
import { lastStatement, postgresPool } from './database.ts';
import { recordset } from './recordset.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;

/** Counts the writes to a pool client's socket from now on. */
function countWrites(client: unknown): { count: number } {
  const socket = (client as { connection: { stream: Record<'_write' | '_writev', (...args: unknown[]) => unknown> } }).connection.stream;
  const writes = { count: 0 };
  for (const method of ['_write', '_writev'] as const) {
    const original = socket[method].bind(socket);
    socket[method] = (...args: unknown[]) => {
      writes.count++;
      return original(...args);
    };
  }
  return writes;
}


describe.skipIf(!databaseUrl)('the server PostgreSQL pool (TEST_DATABASE_URL)', () => {
  it('prepares a statement text from its second use, except one that asks to be planned each time', async () => {
    const pool = postgresPool(databaseUrl as string, 1);
    try {
      const recurring = 'select $1::int + 1 as recurring';
      const eachTime = 'select $1::int + 2 as each_time /* fd:plan-each-time */';
      for (let run = 0; run < 3; run++) {
        // As Drizzle sends them: a query config object.
        await pool.query({ text: recurring, values: [run] });
        await pool.query({ text: eachTime, values: [run] });
      }
      const { rows } = await pool.query<{ statement: string }>('select statement from pg_prepared_statements');
      const prepared = rows.map((row) => row.statement);
      expect(prepared).toContain(recurring);
      expect(prepared).not.toContain(eachTime);
      // What the pool's sessions are told: no JIT, no parallel workers.
      const settings = await pool.query<{ jit: string; workers: string }>(
        `select current_setting('jit') as jit, current_setting('max_parallel_workers_per_gather') as workers`,
      );
      expect(settings.rows[0]).toEqual({ jit: 'off', workers: '0' });
    } finally {
      await pool.end();
    }
  });

  it('keeps an idle connection, and renews each within four to six minutes of its making, not all at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pool = postgresPool(databaseUrl as string, 8);
    try {
      const clients = await Promise.all(Array.from({ length: 8 }, () => pool.connect()));
      const pids = await Promise.all(clients.map(async (client) => (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid));
      for (const client of clients) client.release();
      const alive = async () => (await pool.query<{ pids: number[] }>('select array_agg(pid) as pids from pg_stat_activity where pid = any($1)', [pids])).rows[0]?.pids ?? [];
      // Idle for four minutes: still the same connections.
      await vi.advanceTimersByTimeAsync(239_000);
      expect(pool.totalCount).toBe(8);
      // Renewed between four and six minutes, spread over that time (8 connections made together).
      const renewedAt: number[] = [];
      for (let second = 240; second <= 361 && renewedAt.length < 8; second++) {
        await vi.advanceTimersByTimeAsync(1000);
        const left = 8 - pool.totalCount;
        while (renewedAt.length < left) renewedAt.push(second);
      }
      expect(renewedAt).toHaveLength(8);
      expect(new Set(renewedAt).size).toBeGreaterThan(1);
      vi.useRealTimers();
      // Their backends are gone (each ends as it is dropped).
      await expect.poll(async () => (await alive()).filter((pid) => pids.includes(pid)), { timeout: 2000 }).toEqual([]);
    } finally {
      vi.useRealTimers();
      await pool.end();
    }
  });

  it('plans a statement over a recordset once: its generic plan knows how few rows the batch has', async () => {
    const pool = postgresPool(databaseUrl as string, 1);
    try {
      const dialect = new PgDialect();
      for (let run = 0; run < 10; run++) {
        const rows = Array.from({ length: 3 + (run % 2) }, (_, n) => ({ oid: 1259 + n }));
        const query = dialect.sqlToQuery(sql`select c.relname from pg_class c join ${recordset(rows, 'oid oid')} as r on r.oid = c.oid`);
        // Batches of 3 and 4 rows share one text (LIMIT 4), prepared from its second use.
        await pool.query({ text: query.sql, values: query.params });
      }
      const { rows } = await pool.query<{ statement: string; generic_plans: string; custom_plans: string }>(
        `select statement, generic_plans, custom_plans from pg_prepared_statements where statement like '%jsonb_to_recordset%' order by statement`,
      );
      expect(rows.map((row) => row.statement.match(/limit (\S+)\)/)?.[1])).toEqual(['4']);
      // PostgreSQL tries five custom plans, then keeps the generic one when it is as good (with a bound LIMIT: never).
      expect(Number(rows[0]?.generic_plans)).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });

  it("sends a transaction's BEGIN with its first statement, and fails that statement when BEGIN fails", async () => {
    const pool = postgresPool(databaseUrl as string, 1);
    const client = await pool.connect();
    const query = (text: string) => client.query({ text });
    try {
      // BEGIN and the statement after it leave in one write to the socket.
      const writes = countWrites(client);
      await query('begin');
      expect(writes.count).toBe(0);
      await query('create temp table pipelined (x int)');
      expect(writes.count).toBe(1);
      await query('rollback');
      // BEGIN took effect: the rollback took the table away.
      expect((await query(`select to_regclass('pg_temp.pipelined') as found`)).rows).toEqual([{ found: null }]);

      await query('begin');
      await expect(query('select 1 / 0')).rejects.toThrow('division by zero');
      // In a failed transaction BEGIN fails too: the statement after it says so, not BEGIN's own promise.
      await expect(query('begin')).resolves.toMatchObject({ command: 'BEGIN' });
      await expect(query('select 1')).rejects.toThrow('current transaction is aborted');
      await query('rollback');
      expect((await query('select 2 as ok')).rows).toEqual([{ ok: 2 }]);
      // A transaction that ran nothing is never sent.
      const before = writes.count;
      await query('begin');
      await query('commit');
      expect(writes.count).toBe(before);
    } finally {
      client.release();
      await pool.end();
    }
  });

  it("writes COMMIT behind a transaction's last statement, which rolls back when that statement fails", async () => {
    const pool = postgresPool(databaseUrl as string, 1);
    const client = await pool.connect();
    const query = (text: string) => client.query({ text });
    const last = (text: string) => new PgDialect().sqlToQuery(lastStatement(sql.raw(text))).sql;
    try {
      const writes = countWrites(client);
      await query('create temp table ledger (x int primary key)');
      const before = writes.count;
      await query('begin');
      await query('insert into ledger values (1)');
      await query(last('insert into ledger values (2)'));
      // BEGIN went with the first statement, COMMIT with the last: two writes, and the transaction's COMMIT needs none.
      expect(writes.count - before).toBe(2);
      await expect(query('commit')).resolves.toMatchObject({ command: 'COMMIT' });
      expect(writes.count - before).toBe(2);
      expect((await query('select count(*)::int as n from ledger')).rows).toEqual([{ n: 2 }]);

      // The last statement fails: it says so, the COMMIT behind it rolled back what came before it.
      await query('begin');
      await query('insert into ledger values (3)');
      await expect(query(last('insert into ledger values (1)'))).rejects.toThrow('duplicate key');
      await expect(query('rollback')).resolves.toMatchObject({ command: 'ROLLBACK' });
      expect((await query('select array_agg(x order by x) as xs from ledger')).rows).toEqual([{ xs: [1, 2] }]);

      // Nothing may follow a last statement in its transaction; outside a transaction the mark changes nothing.
      await query('begin');
      await query(last('insert into ledger values (4)'));
      expect(() => query('insert into ledger values (5)')).toThrow("after the one marked as its transaction's last");
      await expect(query('commit')).resolves.toMatchObject({ command: 'COMMIT' });
      await query(last('insert into ledger values (6)'));
      expect((await query('select array_agg(x order by x) as xs from ledger')).rows).toEqual([{ xs: [1, 2, 4, 6] }]);
    } finally {
      client.release();
      await pool.end();
    }
  });
});

