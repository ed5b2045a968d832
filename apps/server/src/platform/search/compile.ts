import { type SQL, sql } from 'drizzle-orm';
import { invalid } from '../http/errors.ts';
import type { FieldType, SearchField, SearchFieldResolver, SearchOperator, SearchValue } from './query.ts';

/**
 * Compiles Intercom's search grammar into one SQL condition for a `where` clause. Every value is a
 * bound parameter; field names only select SQL the resolver wrote. Anything a client got wrong is a
 * 400 `parameter_invalid` that names it.
 */
export const maxGroupDepth = 2;
export const maxFiltersPerGroup = 15;
const maxListValues = 1000;

const operators: readonly SearchOperator[] = ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<=', '~', '!~', '^', '$'];

/** Operators each type accepts; dates refuse `!=`, `>=`, `<=`, IN and NIN as Intercom does. */
export const operatorsByType: Record<FieldType, readonly SearchOperator[]> = {
  string: ['=', '!=', 'IN', 'NIN', '~', '!~', '^', '$'],
  id: ['=', '!=', 'IN', 'NIN'],
  integer: ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<='],
  float: ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<='],
  boolean: ['=', '!=', 'IN', 'NIN'],
  date: ['=', '>', '<'],
};

export interface CompileOptions {
  /** The workspace's IANA time zone: date filters compare calendar days there. */
  timezone: string;
}

export function compileSearch(query: unknown, resolve: SearchFieldResolver, options: CompileOptions): SQL {
  if (!isObject(query)) throw invalid('query must be an object: a filter {field, operator, value} or a group {operator, value: [...]}', 'query');
  return compileNode(query, 0, resolve, options);
}

function compileNode(node: Record<string, unknown>, depth: number, resolve: SearchFieldResolver, options: CompileOptions): SQL {
  if ('field' in node) return compileFilter(node, resolve, options);
  const { operator, value } = node;
  if (operator !== 'AND' && operator !== 'OR') {
    throw invalid(`A query group's operator must be "AND" or "OR", not ${describe(operator)} (a filter needs a "field")`, 'query.operator');
  }
  if (depth + 1 > maxGroupDepth) throw invalid(`The query is nested too deep: groups nest at most ${maxGroupDepth} levels`, 'query');
  if (!Array.isArray(value) || value.length === 0) throw invalid(`An ${operator} group's value must be a non-empty array of filters`, 'query.value');
  if (value.length > maxFiltersPerGroup) {
    throw invalid(`An ${operator} group has more than ${maxFiltersPerGroup} filters (${value.length})`, 'query.value');
  }
  const parts = value.map((child) => {
    if (!isObject(child)) throw invalid(`Every entry of an ${operator} group must be a filter or a group, not ${describe(child)}`, 'query.value');
    return compileNode(child, depth + 1, resolve, options);
  });
  return sql`(${sql.join(parts, operator === 'AND' ? sql` and ` : sql` or `)})`;
}

function compileFilter(node: Record<string, unknown>, resolve: SearchFieldResolver, options: CompileOptions): SQL {
  const { field: name, operator, value } = node;
  if (typeof name !== 'string' || name === '') throw invalid(`A filter's field must be a non-empty string, not ${describe(name)}`, 'query.field');
  const field = resolve(name);
  if (!field) throw invalid(`"${name}" is not a searchable field`, name);
  if (typeof operator !== 'string' || !operators.includes(operator as SearchOperator)) {
    throw invalid(`${describe(operator)} is not a search operator (use one of ${operators.join(' ')})`, name);
  }
  const op = operator as SearchOperator;
  const allowed = field.operators ?? operatorsByType[field.type];
  if (!allowed.includes(op)) {
    throw invalid(`Operator "${op}" is not supported on ${field.type} field "${name}" (use one of ${allowed.join(' ')})`, name);
  }
  if (!('value' in node)) throw invalid(`The filter on "${name}" has no value`, name);
  const listOperator = op === 'IN' || op === 'NIN';
  if (listOperator) {
    if (!Array.isArray(value) || value.length === 0) throw invalid(`Operator "${op}" on "${name}" needs a non-empty array value`, name);
    if (value.length > maxListValues) throw invalid(`Operator "${op}" on "${name}" takes at most ${maxListValues} values`, name);
  } else if (Array.isArray(value) || (isObject(value) && value !== null)) {
    throw invalid(`Operator "${op}" on "${name}" needs a single value, not ${describe(value)}`, name);
  }
  if (field.filter) return field.filter(op, value as SearchValue);
  if (value === null) return compileNull(field, name, op);
  if (listOperator) {
    const values = (value as unknown[]).map((item) => coerce(field.type, name, item, op));
    const list = sql.join(
      values.map((item) => bind(field.type, item)),
      sql`, `,
    );
    const column = field.type === 'string' ? sql`lower(${field.column})` : field.column;
    return op === 'IN' ? sql`(${column} in (${list}))` : sql`coalesce(${column} not in (${list}), true)`;
  }
  if (field.type === 'date') return compileDate(field.column, op, dayOf(coerce('date', name, value, op) as number, options.timezone));
  const item = coerce(field.type, name, value, op);
  if (field.type === 'string') return compileString(field.column, op, item as string);
  const bound = bind(field.type, item);
  switch (op) {
    case '=':
      return sql`(${field.column} = ${bound})`;
    case '!=':
      return sql`(${field.column} is distinct from ${bound})`;
    case '>':
      return sql`(${field.column} > ${bound})`;
    case '<':
      return sql`(${field.column} < ${bound})`;
    case '>=':
      return sql`(${field.column} >= ${bound})`;
    case '<=':
      return sql`(${field.column} <= ${bound})`;
    default:
      throw invalid(`Operator "${op}" is not supported on ${field.type} field "${name}"`, name);
  }
}

/** `= null` finds rows without a value, `!= null` rows with one. */
function compileNull(field: SearchField, name: string, op: SearchOperator): SQL {
  if (op === '=') return sql`(${field.column} is null)`;
  if (op === '!=') return sql`(${field.column} is not null)`;
  throw invalid(`Operator "${op}" on "${name}" cannot compare with null (use = or !=)`, name);
}

function compileString(column: SQL, op: SearchOperator, value: string): SQL {
  const escaped = value.replace(/[\\%_]/g, (c) => `\\${c}`);
  switch (op) {
    case '=':
      return sql`(lower(${column}) = lower(${value}))`;
    case '!=':
      return sql`(lower(${column}) is distinct from lower(${value}))`;
    case '~':
      return sql`(${column} ilike ${`%${escaped}%`} escape '\\')`;
    case '!~':
      return sql`coalesce(${column} not ilike ${`%${escaped}%`} escape '\\', true)`;
    case '^':
      return sql`(${column} ilike ${`${escaped}%`} escape '\\')`;
    case '$':
      return sql`(${column} ilike ${`%${escaped}`} escape '\\')`;
    default:
      throw invalid(`Operator "${op}" is not supported on strings`);
  }
}

/** Dates compare whole days: `=` the day, `>` from the next midnight, `<` before this midnight. */
function compileDate(column: SQL, op: SearchOperator, day: { start: string; end: string }): SQL {
  if (op === '=') return sql`(${column} >= ${day.start}::timestamptz and ${column} < ${day.end}::timestamptz)`;
  if (op === '>') return sql`(${column} >= ${day.end}::timestamptz)`;
  return sql`(${column} < ${day.start}::timestamptz)`;
}

function bind(type: FieldType, value: string | number | boolean): SQL {
  if (type === 'boolean') return sql`${value}::boolean`;
  if (type === 'string') return sql`lower(${value})`;
  return sql`${value}`;
}

/** Checks one value against the field's type; numbers may come as numeric strings, as clients often send them. */
function coerce(type: FieldType, name: string, value: unknown, op: SearchOperator): string | number | boolean {
  const wrong = (expected: string) => invalid(`The value of "${name}" (operator "${op}") must be ${expected}, not ${describe(value)}`, name);
  switch (type) {
    case 'string':
    case 'id':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      throw wrong('a string');
    case 'integer':
    case 'date': {
      const number = toNumber(value);
      if (number === undefined || !Number.isSafeInteger(number)) throw wrong(type === 'date' ? 'a Unix timestamp in seconds' : 'an integer');
      return number;
    }
    case 'float': {
      const number = toNumber(value);
      if (number === undefined) throw wrong('a number');
      return number;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw wrong('true or false');
  }
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** The instants (ISO strings) of the midnight starting `seconds`'s calendar day in `timezone`, and of the next one. */
export function dayOf(seconds: number, timezone: string): { start: string; end: string } {
  const { year, month, day } = localDate(seconds * 1000, timezone);
  return { start: new Date(localMidnight(year, month, day, timezone)).toISOString(), end: new Date(localMidnight(year, month, day + 1, timezone)).toISOString() };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let format = formatters.get(timezone);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      format = formatter('UTC');
    }
    formatters.set(timezone, format);
  }
  return format;
}

function wallClock(ms: number, timezone: string) {
  const parts = Object.fromEntries(
    formatter(timezone)
      .formatToParts(new Date(ms))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

function localDate(ms: number, timezone: string) {
  const { year, month, day } = wallClock(ms, timezone);
  return { year, month, day };
}

/** UTC milliseconds of 00:00 local time on the given date (day may overflow; Date.UTC normalises it). */
function localMidnight(year: number, month: number, day: number, timezone: string): number {
  const target = Date.UTC(year, month - 1, day);
  let guess = target;
  // Two corrections settle the offset, including on days a DST change moves.
  for (let i = 0; i < 2; i++) {
    const clock = wallClock(guess, timezone);
    const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
    guess += target - asUtc;
  }
  return guess;
}

/**
 * A `custom_attributes.<name>` field over a jsonb column. Values of the wrong JSON type read as null
 * rather than failing the cast, so one bad stored value cannot break a search.
 */
export function customAttributeField(column: SQL, name: string, dataType: string): SearchField {
  const value = sql`(${column} -> ${name}::text)`;
  const text = sql`(${column} ->> ${name}::text)`;
  switch (dataType) {
    case 'integer':
      return { type: 'integer', column: sql`(case when jsonb_typeof(${value}) = 'number' then ${text}::numeric end)` };
    case 'float':
      return { type: 'float', column: sql`(case when jsonb_typeof(${value}) = 'number' then ${text}::double precision end)` };
    case 'boolean':
      return { type: 'boolean', column: sql`(case when jsonb_typeof(${value}) = 'boolean' then ${text}::boolean end)` };
    case 'date':
      return { type: 'date', column: sql`(case when jsonb_typeof(${value}) = 'number' then to_timestamp(${text}::double precision) end)` };
    default:
      return { type: 'string', column: sql`(case when jsonb_typeof(${value}) = 'string' then ${text} end)` };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return `${typeof value} ${String(value)}`;
}
