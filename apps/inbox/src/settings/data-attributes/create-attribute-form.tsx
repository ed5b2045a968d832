import type { DataAttribute, DataAttributeModel, DataAttributeType, NewDataAttributeRequest } from '@frontdesk/api-types';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { Field } from '../../ui/field.tsx';
import { modelLabels, typeLabels } from './type-labels.ts';

export function CreateAttributeForm({ model, onCreated }: { model: DataAttributeModel; onCreated: (attribute: DataAttribute) => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [type, setType] = useState<DataAttributeType>('string');
  const [options, setOptions] = useState('');
  const [description, setDescription] = useState('');
  const create = useAction(() => {
    const body: NewDataAttributeRequest = { name, model, data_type: type };
    if (type === 'options') body.options = options.split('\n').map((option) => option.trim()).filter(Boolean);
    if (description.trim()) body.description = description.trim();
    return api.post<DataAttribute>('/data-attributes', body);
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await create.run();
    if (!outcome.ok) return;
    setName('');
    setOptions('');
    setDescription('');
    onCreated(outcome.value);
  }

  return (
    <form className="stack" onSubmit={submit} aria-label={`New ${modelLabels[model].toLowerCase()} attribute`}>
      <div className="inline-form">
        <Field
          label="Attribute name"
          required
          autoComplete="off"
          maxLength={190}
          placeholder="e.g. plan"
          hint="Letters, numbers, spaces, hyphens and underscores. The name can't change later."
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <div className="field">
          <label htmlFor={`${id}-type`}>Type</label>
          <select id={`${id}-type`} value={type} onChange={(event) => setType(event.target.value as DataAttributeType)}>
            {Object.entries(typeLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {type === 'options' ? (
        <div className="field">
          <label htmlFor={`${id}-options`}>Options</label>
          <textarea
            id={`${id}-options`}
            className="people-textarea"
            rows={4}
            required
            aria-describedby={`${id}-options-hint`}
            value={options}
            onChange={(event) => setOptions(event.target.value)}
          />
          <p className="field-hint" id={`${id}-options-hint`}>
            One option per line, at least two.
          </p>
        </div>
      ) : null}
      <Field label="Description (optional)" autoComplete="off" maxLength={1000} value={description} onChange={(event) => setDescription(event.target.value)} />
      <ErrorAlert message={create.error} />
      <div>
        <button type="submit" className="button button-primary" disabled={create.pending}>
          {create.pending ? 'Creating…' : 'Create attribute'}
        </button>
      </div>
    </form>
  );
}
