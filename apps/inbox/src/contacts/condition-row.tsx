import type { DataAttribute } from '@frontdesk/api-types';
import { useId } from 'react';
import { fromDraft, kindOf, operatorsFor } from './attribute-values.ts';
import type { DraftCondition } from './filter-state.ts';

interface Props {
  index: number;
  condition: DraftCondition;
  attributes: DataAttribute[];
  onChange: (condition: DraftCondition) => void;
  onRemove: () => void;
}

/** One "attribute · comparison · value" condition of the contacts filter. */
export function ConditionRow({ index, condition, attributes, onChange, onRemove }: Props) {
  const id = useId();
  const attribute = attributes.find((candidate) => candidate.full_name === condition.field);
  const operators = attribute ? operatorsFor(attribute) : [];
  const invalid = attribute !== undefined && condition.value.trim() !== '' && fromDraft(attribute, condition.value) === undefined;
  const name = `Condition ${index + 1}`;

  function changeField(field: string) {
    const next = attributes.find((candidate) => candidate.full_name === field);
    const operator = next ? (operatorsFor(next)[0]?.value ?? '=') : '=';
    onChange({ ...condition, field, operator, value: next && kindOf(next) === 'boolean' ? 'true' : '' });
  }

  const valueInput = () => {
    const common = { id: `${id}-value`, 'aria-invalid': invalid || undefined, 'aria-describedby': invalid ? `${id}-error` : undefined };
    if (!attribute) return <input {...common} disabled value="" />;
    switch (kindOf(attribute)) {
      case 'boolean':
        return (
          <select {...common} value={condition.value} onChange={(event) => onChange({ ...condition, value: event.target.value })}>
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        );
      case 'options':
        return (
          <select {...common} value={condition.value} onChange={(event) => onChange({ ...condition, value: event.target.value })}>
            <option value="">Choose…</option>
            {(attribute.options ?? []).map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        );
      default:
        return (
          <input
            {...common}
            type={kindOf(attribute) === 'number' ? 'number' : kindOf(attribute) === 'date' ? 'date' : 'text'}
            step={attribute.data_type === 'float' ? 'any' : undefined}
            value={condition.value}
            onChange={(event) => onChange({ ...condition, value: event.target.value })}
          />
        );
    }
  };

  return (
    <li className="people-condition-row">
      <div className="people-condition-field">
        <label className="visually-hidden" htmlFor={`${id}-field`}>
          {name} attribute
        </label>
        <select id={`${id}-field`} value={condition.field} onChange={(event) => changeField(event.target.value)}>
          <option value="">Choose an attribute…</option>
          <optgroup label="Custom attributes">
            {attributes
              .filter((candidate) => candidate.custom)
              .map((candidate) => (
                <option key={candidate.full_name} value={candidate.full_name}>
                  {candidate.label}
                </option>
              ))}
          </optgroup>
          <optgroup label="Standard attributes">
            {attributes
              .filter((candidate) => !candidate.custom)
              .map((candidate) => (
                <option key={candidate.full_name} value={candidate.full_name}>
                  {candidate.label}
                </option>
              ))}
          </optgroup>
        </select>
      </div>
      <div className="people-condition-operator">
        <label className="visually-hidden" htmlFor={`${id}-operator`}>
          {name} comparison
        </label>
        <select
          id={`${id}-operator`}
          value={condition.operator}
          disabled={!attribute}
          onChange={(event) => onChange({ ...condition, operator: event.target.value as DraftCondition['operator'] })}
        >
          {operators.map((operator) => (
            <option key={operator.value} value={operator.value}>
              {operator.label}
            </option>
          ))}
        </select>
      </div>
      <div className="people-condition-value">
        <label className="visually-hidden" htmlFor={`${id}-value`}>
          {name} value
        </label>
        {valueInput()}
        {invalid ? (
          <p className="people-field-error" id={`${id}-error`}>
            {attribute?.data_type === 'integer' ? 'Enter a whole number' : 'Enter a valid value'}
          </p>
        ) : null}
      </div>
      <button type="button" className="button button-small button-secondary" aria-label={`Remove condition ${index + 1}`} onClick={onRemove}>
        Remove
      </button>
    </li>
  );
}
