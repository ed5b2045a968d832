import { describe, expect, it } from 'vitest';
import { postgresPool } from './database.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;

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
});
