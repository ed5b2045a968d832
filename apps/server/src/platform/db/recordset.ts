import { type SQL, sql } from 'drizzle-orm';
import { rowCount } from './database.ts';

/**
 * Rows given as one jsonb parameter, as a subquery to select from or join: `${recordset(rows, 'id text, at timestamptz')} as g`.
 * The LIMIT is there for the planner: it takes any set-returning function for 100 rows, and then joins
 * a large table by scanning all of it instead of using its primary key. It is written into the text
 * (a bound LIMIT leaves a prepared statement's generic plan guessing, so PostgreSQL planned these again
 * on every execution: 1.2 ms a write), rounded up to a power of two so that batches of any size share
 * a few statement texts.
 */
export function recordset(values: readonly object[], columns: string): SQL {
  const limit = 2 ** Math.ceil(Math.log2(Math.max(1, values.length)));
  return sql`(select * from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as r(${sql.raw(columns)}) limit ${rowCount(limit)})`;
}
