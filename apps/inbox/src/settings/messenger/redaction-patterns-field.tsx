import type { ContentSafetySettings } from '@frontdesk/api-types';
import { FieldErrorText, useFieldError } from './field-errors.tsx';

const field = 'content_safety.redaction_patterns';
type Pattern = ContentSafetySettings['redaction_patterns'][number];

export function RedactionPatternsField({ value, onChange }: { value: Pattern[]; onChange: (value: Pattern[]) => void }) {
  const { id, errorId, error } = useFieldError(field);
  const setRow = (index: number, patch: Partial<Pattern>) => onChange(value.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  return (
    <fieldset className="field" id={id} tabIndex={-1} aria-describedby={`${id}-hint${error ? ` ${errorId}` : ''}`}>
      <legend>Redaction patterns</legend>
      <p className="field-hint" id={`${id}-hint`}>
        JavaScript regular expressions, without slashes or flags. Matches are replaced before the message is stored, e.g.
        an IBAN: <code>[A-Z]{'{2}'}\d{'{2}'}[A-Z0-9]{'{11,30}'}</code>.
      </p>
      {value.length === 0 ? <p className="muted">No patterns.</p> : null}
      {value.map((row, index) => {
        const n = index + 1;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the position is the identity (server errors name …redaction_patterns.N).
          <div key={index} className="row-editor">
            <span className="row-editor-inputs">
              <PatternInput field={`${field}.${index}.name`} label={`Pattern ${n} name`} placeholder="IBAN" value={row.name} onChange={(name) => setRow(index, { name })} />
              <PatternInput field={`${field}.${index}.pattern`} label={`Pattern ${n} expression`} placeholder="[0-9]{6,}" value={row.pattern} onChange={(pattern) => setRow(index, { pattern })} />
              <button
                type="button"
                className="button button-small button-secondary"
                aria-label={`Remove pattern ${n}`}
                onClick={() => onChange(value.filter((_, at) => at !== index))}
              >
                Remove
              </button>
            </span>
            <FieldErrorText field={`${field}.${index}.name`} label={`Pattern ${n} name`} />
            <FieldErrorText field={`${field}.${index}.pattern`} label={`Pattern ${n}`} />
          </div>
        );
      })}
      <div>
        <button type="button" className="button button-small button-secondary" onClick={() => onChange([...value, { name: '', pattern: '' }])}>
          Add pattern
        </button>
      </div>
      <FieldErrorText field={field} label="Redaction patterns" />
    </fieldset>
  );
}

function PatternInput({
  field: path,
  label,
  placeholder,
  value,
  onChange,
}: {
  field: string;
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const { id, errorId, error } = useFieldError(path);
  return (
    <input
      id={id}
      aria-label={label}
      placeholder={placeholder}
      spellCheck={false}
      autoComplete="off"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    />
  );
}
