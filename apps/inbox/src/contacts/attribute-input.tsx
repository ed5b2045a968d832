import type { DataAttribute } from '@frontdesk/api-types';
import { kindOf } from './attribute-values.ts';

/** The input for one attribute's value, by its type; the label is the caller's (`id`). */
export function AttributeInput({ id, attribute, value, invalid, onChange }: { id: string; attribute: DataAttribute; value: string; invalid?: boolean; onChange: (value: string) => void }) {
  const common = { id, 'aria-invalid': invalid || undefined };
  switch (kindOf(attribute)) {
    case 'boolean':
      return (
        <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">Not set</option>
          <option value="true">Yes</option>
          <option value="false">No</option>
        </select>
      );
    case 'options':
      return (
        <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">Not set</option>
          {(attribute.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
          {value && !(attribute.options ?? []).includes(value) ? <option value={value}>{value}</option> : null}
        </select>
      );
    case 'number':
      return <input {...common} type="number" step={attribute.data_type === 'float' ? 'any' : '1'} value={value} onChange={(event) => onChange(event.target.value)} />;
    case 'date':
      return <input {...common} type="date" value={value} onChange={(event) => onChange(event.target.value)} />;
    default:
      return <input {...common} type="text" autoComplete="off" value={value} onChange={(event) => onChange(event.target.value)} />;
  }
}
