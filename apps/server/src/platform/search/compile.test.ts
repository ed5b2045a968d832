import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/harness.ts';
import { type Database, openDatabase, rows } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import { compileSearch, customAttributeField, dayOf } from './compile.ts';
import type { SearchField, SearchFieldResolver } from './query.ts';

let testDatabase: TestDatabase;
let database: Database;

const day = (iso: string) => Math.floor(Date.parse(iso) / 1000);

const fields: Record<string, SearchField> = {
  id: { type: 'id', column: sql`p.id` },
  name: { type: 'string', column: sql`p.name` },
  age: { type: 'integer', column: sql`p.age` },
  score: { type: 'float', column: sql`p.score` },
  vip: { type: 'boolean', column: sql`p.vip` },
  seen_at: { type: 'date', column: sql`p.seen_at` },
  tag_id: {
    type: 'id',
    column: sql`p.id`,
    operators: ['=', '!='],
    filter: (operator, value) => (operator === '=' ? sql`(p.tags ? ${String(value)}::text)` : sql`not (p.tags ? ${String(value)}::text)`),
  },
};
const resolve: SearchFieldResolver = (name) => {
  if (name.startsWith('custom_attributes.')) {
    const attribute = name.slice('custom_attributes.'.length);
    const types: Record<string, string> = { plan: 'string', seats: 'integer', ratio: 'float', beta: 'boolean', renews_at: 'date' };
    const type = types[attribute];
    return type ? customAttributeField(sql`p.attrs`, attribute, type) : undefined;
  }
  return fields[name];
};

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  database = await openDatabase({ databaseUrl: testDatabase.env.DATABASE_URL, dataDir: testDatabase.env.DATA_DIR ?? '' });
  await database.orm.execute(sql`create table search_probe (
    id text primary key, name text, age integer, score double precision, vip boolean, seen_at timestamptz, attrs jsonb, tags jsonb)`);
  await database.orm.execute(sql`insert into search_probe values
    ('a', 'Ada Lovelace', 36, 1.5, true, '2024-03-10T23:30:00Z', '{"plan":"Pro","seats":5,"ratio":0.5,"beta":true,"renews_at":1735689600}', '["t1"]'),
    ('b', 'Bob 100% Real_Name', 20, 2.5, false, '2024-03-11T00:30:00Z', '{"plan":"free","seats":"lots"}', '[]'),
    ('c', 'Carol', null, null, null, null, '{}', '["t1","t2"]'),
    ('d', '''; drop table x; --', 50, 10, false, '2024-03-12T12:00:00Z', '{"plan":"enterprise","seats":100}', '[]')`);
});
afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

async function select(query: unknown, timezone = 'UTC'): Promise<string[]> {
  const where = compileSearch(query, resolve, { timezone });
  const found = await rows<{ id: string }>(database.orm, sql`select p.id from search_probe p where ${where} order by p.id`);
  return found.map((row) => row.id);
}

function rejection(query: unknown): AppError {
  try {
    compileSearch(query, resolve, { timezone: 'UTC' });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.status).toBe(400);
    expect(appError.code).toBe('parameter_invalid');
    return appError;
  }
  throw new Error('expected the query to be rejected');
}

describe('compileSearch selects the rows Intercom would', () => {
  it('matches strings case-insensitively: equals, contains, starts and ends with', async () => {
    expect(await select({ field: 'name', operator: '=', value: 'carol' })).toEqual(['c']);
    expect(await select({ field: 'name', operator: '!=', value: 'CAROL' })).toEqual(['a', 'b', 'd']);
    expect(await select({ field: 'name', operator: '~', value: 'LOVE' })).toEqual(['a']);
    expect(await select({ field: 'name', operator: '!~', value: 'love' })).toEqual(['b', 'c', 'd']);
    expect(await select({ field: 'name', operator: '^', value: 'bob' })).toEqual(['b']);
    expect(await select({ field: 'name', operator: '$', value: 'ROL' })).toEqual(['c']);
    expect(await select({ field: 'name', operator: 'IN', value: ['ada lovelace', 'Carol'] })).toEqual(['a', 'c']);
    expect(await select({ field: 'name', operator: 'NIN', value: ['ada lovelace', 'Carol'] })).toEqual(['b', 'd']);
  });

  it('treats LIKE wildcards in values literally', async () => {
    expect(await select({ field: 'name', operator: '~', value: '%' })).toEqual(['b']);
    expect(await select({ field: 'name', operator: '~', value: '_' })).toEqual(['b']);
    expect(await select({ field: 'name', operator: '^', value: '%' })).toEqual([]);
  });

  it('binds values as parameters: SQL in a value is just text', async () => {
    expect(await select({ field: 'name', operator: '=', value: "'; drop table x; --" })).toEqual(['d']);
    expect(await select({ field: 'name', operator: '~', value: "; drop table x" })).toEqual(['d']);
    expect(await select({ field: 'id', operator: 'IN', value: ["a') or ('1'='1", 'b'] })).toEqual(['b']);
    expect(await select({ field: 'id', operator: '!=', value: 'zzz' })).toHaveLength(4);
  });

  it('compares integers and floats, and accepts numeric strings', async () => {
    expect(await select({ field: 'age', operator: '>', value: 20 })).toEqual(['a', 'd']);
    expect(await select({ field: 'age', operator: '>=', value: '20' })).toEqual(['a', 'b', 'd']);
    expect(await select({ field: 'age', operator: '<', value: 36 })).toEqual(['b']);
    expect(await select({ field: 'age', operator: '<=', value: 36 })).toEqual(['a', 'b']);
    expect(await select({ field: 'age', operator: '!=', value: 36 })).toEqual(['b', 'c', 'd']);
    expect(await select({ field: 'age', operator: 'IN', value: [20, 50] })).toEqual(['b', 'd']);
    expect(await select({ field: 'score', operator: '>', value: 1.9 })).toEqual(['b', 'd']);
  });

  it('matches booleans and nulls', async () => {
    expect(await select({ field: 'vip', operator: '=', value: true })).toEqual(['a']);
    expect(await select({ field: 'vip', operator: '=', value: 'false' })).toEqual(['b', 'd']);
    expect(await select({ field: 'vip', operator: '!=', value: true })).toEqual(['b', 'c', 'd']);
    expect(await select({ field: 'age', operator: '=', value: null })).toEqual(['c']);
    expect(await select({ field: 'seen_at', operator: '=', value: null })).toEqual(['c']);
    expect(await select({ field: 'name', operator: '!=', value: null })).toEqual(['a', 'b', 'c', 'd']);
  });

  it('compares dates by calendar day in the workspace time zone', async () => {
    const march11 = day('2024-03-11T15:00:00Z');
    expect(await select({ field: 'seen_at', operator: '=', value: march11 })).toEqual(['b']);
    expect(await select({ field: 'seen_at', operator: '>', value: march11 })).toEqual(['d']);
    expect(await select({ field: 'seen_at', operator: '<', value: march11 })).toEqual(['a']);
    expect(await select({ field: 'seen_at', operator: '=', value: String(march11) })).toEqual(['b']);
    // In New York (UTC-4 after the 10 March DST change) a's 23:30Z and b's 00:30Z are both on 10 March.
    const march10ny = day('2024-03-10T16:00:00Z');
    expect(await select({ field: 'seen_at', operator: '=', value: march10ny }, 'America/New_York')).toEqual(['a', 'b']);
    expect(await select({ field: 'seen_at', operator: '>', value: march10ny }, 'America/New_York')).toEqual(['d']);
  });

  it('finds midnights across DST changes', () => {
    expect(dayOf(day('2024-03-10T16:00:00Z'), 'America/New_York')).toEqual({ start: '2024-03-10T05:00:00.000Z', end: '2024-03-11T04:00:00.000Z' });
    expect(dayOf(day('2024-01-01T09:00:00Z'), 'UTC')).toEqual({ start: '2024-01-01T00:00:00.000Z', end: '2024-01-02T00:00:00.000Z' });
    expect(dayOf(day('2024-01-01T09:00:00Z'), 'Asia/Kolkata').start).toBe('2023-12-31T18:30:00.000Z');
  });

  it('searches custom attributes by their declared type, ignoring values of another JSON type', async () => {
    expect(await select({ field: 'custom_attributes.plan', operator: '=', value: 'pro' })).toEqual(['a']);
    expect(await select({ field: 'custom_attributes.seats', operator: '>', value: 4 })).toEqual(['a', 'd']);
    expect(await select({ field: 'custom_attributes.ratio', operator: '<', value: 1 })).toEqual(['a']);
    expect(await select({ field: 'custom_attributes.beta', operator: '=', value: true })).toEqual(['a']);
    expect(await select({ field: 'custom_attributes.renews_at', operator: '=', value: 1735700000 })).toEqual(['a']);
    expect(await select({ field: 'custom_attributes.plan', operator: '=', value: null })).toEqual(['c']);
  });

  it('combines groups with AND and OR, and lets a field supply its own SQL', async () => {
    const query = {
      operator: 'OR',
      value: [
        { operator: 'AND', value: [{ field: 'age', operator: '>', value: 30 }, { field: 'vip', operator: '=', value: true }] },
        { field: 'tag_id', operator: '=', value: 't2' },
      ],
    };
    expect(await select(query)).toEqual(['a', 'c']);
    expect(await select({ field: 'tag_id', operator: '!=', value: 't1' })).toEqual(['b', 'd']);
  });
});

describe('compileSearch refuses what Intercom refuses, naming it', () => {
  const filter = { field: 'age', operator: '=', value: 1 };

  it('limits nesting to two levels and groups to 15 filters', () => {
    expect(() => compileSearch({ operator: 'AND', value: [{ operator: 'OR', value: [filter] }] }, resolve, { timezone: 'UTC' })).not.toThrow();
    const deep = { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [filter] }] }] };
    expect(rejection(deep).message).toMatch(/nested too deep/);
    expect(rejection({ operator: 'AND', value: Array.from({ length: 16 }, () => filter) }).message).toMatch(/more than 15 filters/);
    expect(() => compileSearch({ operator: 'AND', value: Array.from({ length: 15 }, () => filter) }, resolve, { timezone: 'UTC' })).not.toThrow();
    expect(rejection({ operator: 'AND', value: [] }).message).toMatch(/non-empty array/);
  });

  it('names unknown fields and operators', () => {
    const unknownField = rejection({ field: 'shoe_size', operator: '=', value: 1 });
    expect(unknownField.message).toMatch(/"shoe_size" is not a searchable field/);
    expect(unknownField.options.field).toBe('shoe_size');
    expect(rejection({ field: 'custom_attributes.nope', operator: '=', value: 1 }).message).toMatch(/custom_attributes\.nope/);
    expect(rejection({ field: 'age', operator: 'LIKE', value: 1 }).message).toMatch(/"LIKE" is not a search operator/);
    expect(rejection({ operator: 'XOR', value: [filter] }).message).toMatch(/"XOR"/);
    expect(rejection('name = 1').message).toMatch(/query must be an object/);
    expect(rejection({ field: 'age', operator: '=' }).message).toMatch(/no value/);
  });

  it('refuses operators a type does not support', () => {
    expect(rejection({ field: 'name', operator: '>', value: 'a' }).message).toMatch(/Operator ">" is not supported on string field "name"/);
    expect(rejection({ field: 'age', operator: '~', value: '1' }).message).toMatch(/Operator "~"/);
    for (const operator of ['!=', 'IN', 'NIN', '>=', '<=']) {
      expect(rejection({ field: 'seen_at', operator, value: operator === 'IN' || operator === 'NIN' ? [1] : 1 }).message).toMatch(/date field "seen_at"/);
    }
    expect(rejection({ field: 'tag_id', operator: 'IN', value: ['t1'] }).message).toMatch(/tag_id/);
  });

  it('refuses values of the wrong type', () => {
    expect(rejection({ field: 'age', operator: '=', value: 'forty' }).message).toMatch(/"age".*must be an integer, not "forty"/);
    expect(rejection({ field: 'age', operator: '=', value: 1.5 }).message).toMatch(/integer/);
    expect(rejection({ field: 'seen_at', operator: '=', value: 'yesterday' }).message).toMatch(/Unix timestamp/);
    expect(rejection({ field: 'vip', operator: '=', value: 'yes' }).message).toMatch(/true or false/);
    expect(rejection({ field: 'name', operator: '=', value: true }).message).toMatch(/must be a string/);
    expect(rejection({ field: 'name', operator: 'IN', value: 'Ada' }).message).toMatch(/non-empty array/);
    expect(rejection({ field: 'name', operator: '=', value: ['Ada'] }).message).toMatch(/single value/);
    expect(rejection({ field: 'name', operator: '=', value: { $ne: 1 } }).message).toMatch(/single value/);
    expect(rejection({ field: 'age', operator: '>', value: null }).message).toMatch(/null/);
  });
});
