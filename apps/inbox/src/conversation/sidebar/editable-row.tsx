import { type FormEvent, type ReactNode, useId, useState } from 'react';

export type AttributeValue = string | number | boolean | null;
/** How a value is shown and typed: a declared data type, or a built-in field's kind. */
export type AttributeKind = 'string' | 'integer' | 'float' | 'boolean' | 'date' | 'datetime' | 'options' | 'email' | 'tel';

interface EditableRowProps {
  label: string;
  value: AttributeValue;
  /** Without one (an attribute no longer declared), the value's own type decides. */
  kind?: AttributeKind;
  options?: string[] | null;
  canEdit: boolean;
  /** Resolves to an error message, or undefined when saved. */
  onSave: (value: AttributeValue) => Promise<string | undefined>;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const isDate = (kind: AttributeKind) => kind === 'date' || kind === 'datetime';

function kindOf(value: AttributeValue, kind: AttributeKind | undefined): AttributeKind {
  if (kind) return kind;
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
  return 'string';
}

export function displayValue(value: AttributeValue, kind?: AttributeKind): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (kind && isDate(kind) && typeof value === 'number') return dateFormat.format(new Date(value * 1000));
  return String(value);
}

/** The text an input starts with: dates as YYYY-MM-DD (the server takes them so). */
function typedFrom(value: AttributeValue, kind: AttributeKind): string {
  if (value === null) return kind === 'boolean' ? 'true' : '';
  if (isDate(kind) && typeof value === 'number') return new Date(value * 1000).toISOString().slice(0, 10);
  return String(value);
}

/** What was typed, as the value the attribute's type wants (an empty field clears it). */
function parse(kind: AttributeKind, typed: string): { value: AttributeValue } | { error: string } {
  const trimmed = typed.trim();
  if (trimmed === '') return { value: null };
  switch (kind) {
    case 'integer': {
      const number = Number(trimmed);
      return Number.isSafeInteger(number) ? { value: number } : { error: 'Enter a whole number.' };
    }
    case 'float': {
      const number = Number(trimmed);
      return Number.isFinite(number) ? { value: number } : { error: 'Enter a number.' };
    }
    case 'boolean':
      return { value: trimmed === 'true' };
    default:
      return { value: trimmed };
  }
}

/** A term and its value; "Edit" turns the value into a small form fitting the attribute's type. */
export function EditableRow({ label, value, kind: declared, options, canEdit, onSave }: EditableRowProps) {
  const id = useId();
  const kind = kindOf(value, declared);
  const [editing, setEditing] = useState(false);
  const [typed, setTyped] = useState('');
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();

  function start() {
    setTyped(typedFrom(value, kind));
    setProblem(undefined);
    setEditing(true);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parse(kind, typed);
    if ('error' in parsed) return setProblem(parsed.error);
    setSaving(true);
    const error = await onSave(parsed.value);
    setSaving(false);
    if (error) setProblem(error);
    else setEditing(false);
  }

  const inputProps = {
    'aria-labelledby': `${id}-term`,
    value: typed,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem` : undefined,
  } as const;
  let input: ReactNode;
  if (kind === 'boolean') {
    input = (
      <select {...inputProps} onChange={(event) => setTyped(event.target.value)}>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    );
  } else if (kind === 'options') {
    input = (
      <select {...inputProps} onChange={(event) => setTyped(event.target.value)}>
        <option value="">—</option>
        {(options ?? []).map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else {
    const type = isDate(kind) ? 'date' : kind === 'email' || kind === 'tel' ? kind : 'text';
    input = (
      <input
        {...inputProps}
        type={type}
        inputMode={kind === 'integer' ? 'numeric' : kind === 'float' ? 'decimal' : undefined}
        onChange={(event) => setTyped(event.target.value)}
      />
    );
  }

  return (
    <div className="attribute-row">
      <dt id={`${id}-term`}>{label}</dt>
      <dd>
        {editing ? (
          <form className="attribute-form" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && setEditing(false)}>
            {input}
            <div className="button-row">
              <button type="submit" className="button button-primary button-small" disabled={saving}>
                {saving ? 'Saving…' : 'Save'}
              </button>
              <button type="button" className="button button-secondary button-small" onClick={() => setEditing(false)} disabled={saving}>
                Cancel
              </button>
            </div>
            {problem ? (
              <p id={`${id}-problem`} className="field-error small" role="alert">
                {problem}
              </p>
            ) : null}
          </form>
        ) : (
          <span className="attribute-value">
            <span className={value === null || value === '' ? 'muted' : undefined}>{displayValue(value, kind)}</span>
            {canEdit ? (
              <button type="button" className="link-button small" aria-label={`Edit ${label}`} onClick={start}>
                Edit
              </button>
            ) : null}
          </span>
        )}
      </dd>
    </div>
  );
}
