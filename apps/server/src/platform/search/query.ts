import type { SQL } from 'drizzle-orm';

/**
 * Intercom's search grammar (`POST /contacts/search`, `/conversations/search`):
 * a node is a group `{operator: AND|OR, value: [node...]}` or a filter `{field, operator, value}`.
 * Groups nest at most two deep, with at most 15 filters each.
 */
export type SearchOperator = '=' | '!=' | 'IN' | 'NIN' | '>' | '<' | '>=' | '<=' | '~' | '!~' | '^' | '$';
export type SearchValue = string | number | boolean | null | (string | number)[];
export type SearchNode = { operator: 'AND' | 'OR'; value: SearchNode[] } | { field: string; operator: SearchOperator; value: SearchValue };

export type FieldType = 'string' | 'integer' | 'float' | 'boolean' | 'date' | 'id';

/** How one searchable field maps to SQL. Values are always bound parameters, never SQL text. */
export interface SearchField {
  type: FieldType;
  /** The SQL expression of the field's value, e.g. sql`c.email` or sql`c.custom_attributes->>'plan'`. */
  column: SQL;
  /** Operators this field accepts; defaults by type. */
  operators?: SearchOperator[];
  /** A field with its own SQL for a filter (tag_id, segment_id, source.body...). */
  filter?: (operator: SearchOperator, value: SearchValue) => SQL;
}

/** Resolves a field name (including `custom_attributes.<name>`) to its definition, or undefined when unknown. */
export type SearchFieldResolver = (field: string) => SearchField | undefined;
