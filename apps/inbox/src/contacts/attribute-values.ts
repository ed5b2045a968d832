import type { ContactCondition, DataAttribute } from '@frontdesk/api-types';

export type AttributeValue = string | number | boolean | null;
type Kind = 'text' | 'number' | 'boolean' | 'date' | 'options';

/** How a data attribute is typed into a form. */
export function kindOf(attribute: Pick<DataAttribute, 'data_type'>): Kind {
  switch (attribute.data_type) {
    case 'integer':
    case 'float':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
    case 'datetime':
      return 'date';
    case 'options':
      return 'options';
    default:
      return 'text';
  }
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A stored value as people read it (dates are Unix seconds). */
export function formatValue(attribute: Pick<DataAttribute, 'data_type'> | undefined, value: AttributeValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (attribute && kindOf(attribute) === 'date' && typeof value === 'number') return dayFormat.format(new Date(value * 1000));
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** The text an input shows for a stored value. */
export function toDraft(attribute: Pick<DataAttribute, 'data_type'>, value: AttributeValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (kindOf(attribute) === 'date' && typeof value === 'number') return new Date(value * 1000).toISOString().slice(0, 10);
  return String(value);
}

/**
 * An input's text as the value the server stores: numbers as numbers, booleans as booleans, a date as
 * noon UTC of the chosen day (the server compares dates by day in the workspace's time zone). Empty is
 * null; undefined means the text is not a valid value of that type.
 */
export function fromDraft(attribute: Pick<DataAttribute, 'data_type'>, text: string): AttributeValue | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  switch (kindOf(attribute)) {
    case 'number': {
      const number = Number(trimmed);
      if (!Number.isFinite(number) || (attribute.data_type === 'integer' && !Number.isInteger(number))) return undefined;
      return number;
    }
    case 'boolean':
      return trimmed === 'true' ? true : trimmed === 'false' ? false : undefined;
    case 'date': {
      const time = Date.parse(`${trimmed}T12:00:00Z`);
      return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
    }
    default:
      return trimmed;
  }
}

type Operator = ContactCondition['operator'];

/** The comparisons offered per kind of attribute, in the words of the filter. */
export function operatorsFor(attribute: Pick<DataAttribute, 'data_type'>): { value: Operator; label: string }[] {
  switch (kindOf(attribute)) {
    case 'number':
      return [
        { value: '=', label: 'is' },
        { value: '!=', label: 'is not' },
        { value: '>', label: 'greater than' },
        { value: '<', label: 'less than' },
      ];
    case 'boolean':
      return [{ value: '=', label: 'is' }];
    case 'date':
      return [
        { value: '=', label: 'on' },
        { value: '>', label: 'after' },
        { value: '<', label: 'before' },
      ];
    case 'options':
      return [
        { value: '=', label: 'is' },
        { value: '!=', label: 'is not' },
      ];
    default:
      return [
        { value: '~', label: 'contains' },
        { value: '!~', label: 'does not contain' },
        { value: '=', label: 'is' },
        { value: '!=', label: 'is not' },
        { value: '^', label: 'starts with' },
        { value: '$', label: 'ends with' },
      ];
  }
}
