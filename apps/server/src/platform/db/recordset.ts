import { type SQL, sql } from 'drizzle-orm';

/**
 * Rows given as one jsonb parameter, as a subquery to select from or join: `${recordset(rows, 'id text, at timestamptz')} as g`.
 * The LIMIT (the exact row count) is there for the planner: it takes any set-returning function for
 * 100 rows, and then joins a large table by scanning all of it instead of using its primary key.
 */
export function recordset(values: readonly object[], columns: string): SQL {
  return sql`(select * from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as r(${sql.raw(columns)}) limit ${values.length})`;
}
