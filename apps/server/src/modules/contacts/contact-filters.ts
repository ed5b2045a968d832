import type { ContactCondition, ContactFilters } from '@frontdesk/api-types';
import { invalid } from '../../platform/http/errors.ts';
import type { SearchNode } from '../../platform/search/query.ts';

export const maxConditions = 10;
const operators: ContactCondition['operator'][] = ['=', '!=', '~', '!~', '^', '$', '>', '<'];

/** Checks the shape of conditions a client sent (JSON in a query string, or a segment body); fields and types are the compiler's job. */
export function parseConditions(value: unknown): ContactCondition[] {
  if (!Array.isArray(value)) throw invalid('conditions must be a list of {field, operator, value}', 'conditions');
  if (value.length > maxConditions) throw invalid(`At most ${maxConditions} conditions`, 'conditions');
  return value.map((item, index) => {
    const field = `conditions.${index}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw invalid('Each condition is an object {field, operator, value}', field);
    const extra = Object.keys(item).find((key) => !['field', 'operator', 'value'].includes(key));
    if (extra) throw invalid(`Unknown field "${extra}" in a condition`, field);
    const condition = item as Record<string, unknown>;
    if (typeof condition.field !== 'string' || !condition.field || condition.field.length > 250) throw invalid('A condition needs a field name', `${field}.field`);
    if (!operators.includes(condition.operator as ContactCondition['operator'])) {
      throw invalid(`A condition's operator is one of ${operators.join(' ')}`, `${field}.operator`);
    }
    const given = condition.value;
    if (!(given === null || ['string', 'number', 'boolean'].includes(typeof given))) throw invalid('A condition compares with a string, number, boolean or null', `${field}.value`);
    if (typeof given === 'string' && given.length > 500) throw invalid('A condition value is at most 500 characters', `${field}.value`);
    return { field: condition.field, operator: condition.operator as ContactCondition['operator'], value: given as ContactCondition['value'] };
  });
}

/**
 * The contacts page's filters as a query in Intercom's search grammar, so the list, its count and a
 * segment saved from it are evaluated by the one search compiler. Undefined when nothing filters.
 */
export function contactFiltersQuery(filters: ContactFilters): SearchNode | undefined {
  const parts: SearchNode[] = [];
  if (filters.role) parts.push({ field: 'role', operator: '=', value: filters.role });
  const text = filters.text?.trim();
  if (text) {
    parts.push({
      operator: 'OR',
      value: [
        { field: 'name', operator: '~', value: text },
        { field: 'email', operator: '~', value: text },
      ],
    });
  }
  if (filters.tag_id) parts.push({ field: 'tag_id', operator: '=', value: filters.tag_id });
  if (filters.segment_id) parts.push({ field: 'segment_id', operator: '=', value: filters.segment_id });
  for (const condition of filters.conditions ?? []) parts.push({ field: condition.field, operator: condition.operator, value: condition.value });
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { operator: 'AND', value: parts };
}
