import { useState } from 'react';
import { FieldErrorText, fieldId, useFieldError } from './field-errors.tsx';

const field = 'customization.css_variables';
type Row = { key: string; value: string };

const toRows = (variables: Record<string, string>): Row[] => Object.entries(variables).map(([key, value]) => ({ key, value }));
const toRecord = (rows: Row[]): Record<string, string> =>
  Object.fromEntries(rows.filter((row) => row.key.trim() !== '').map((row) => [row.key.trim(), row.value]));

/**
 * Key/value rows for CSS custom properties. The rows live here (a half-typed row has no key yet);
 * the settings get the record they spell, and a record changed from outside (save, discard) resets them.
 */
export function CssVariablesField({ value, onChange }: { value: Record<string, string>; onChange: (value: Record<string, string>) => void }) {
  const { id, errorId, error } = useFieldError(field);
  const [rows, setRows] = useState(() => toRows(value));
  const [known, setKnown] = useState(() => JSON.stringify(value));
  const incoming = JSON.stringify(value);
  if (incoming !== known) {
    setKnown(incoming);
    if (incoming !== JSON.stringify(toRecord(rows))) setRows(toRows(value));
  }

  function update(next: Row[]) {
    setRows(next);
    const record = toRecord(next);
    setKnown(JSON.stringify(record));
    onChange(record);
  }
  const setRow = (index: number, patch: Partial<Row>) => update(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));

  return (
    <fieldset className="field" id={id} tabIndex={-1} aria-describedby={`${id}-hint${error ? ` ${errorId}` : ''}`}>
      <legend>CSS variables</legend>
      <p className="field-hint" id={`${id}-hint`}>
        Custom properties set on the Messenger, for deeper theming: <code>--fd-radius</code> (corners, 16px),{' '}
        <code>--fd-surface</code>, <code>--fd-border</code>, <code>--fd-muted</code>, <code>--fd-link-color</code>. Names are
        lowercase letters, digits and dashes after <code>--</code>.
      </p>
      {rows.length === 0 ? <p className="muted">No CSS variables.</p> : null}
      {rows.map((row, index) => {
        const n = index + 1;
        const keyPath = `${field}.${row.key.trim()}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their position while being typed.
          <div key={index} className="row-editor">
            <span className="row-editor-inputs">
              <input
                id={row.key.trim() ? fieldId(keyPath) : undefined}
                aria-label={`Variable ${n} name`}
                placeholder="--fd-radius"
                spellCheck={false}
                autoComplete="off"
                value={row.key}
                onChange={(event) => setRow(index, { key: event.target.value })}
              />
              <input
                aria-label={`Variable ${n} value`}
                placeholder="4px"
                spellCheck={false}
                autoComplete="off"
                value={row.value}
                onChange={(event) => setRow(index, { value: event.target.value })}
              />
              <button
                type="button"
                className="button button-small button-secondary"
                aria-label={`Remove variable ${n}`}
                onClick={() => update(rows.filter((_, at) => at !== index))}
              >
                Remove
              </button>
            </span>
            {row.key.trim() ? <FieldErrorText field={keyPath} label={row.key.trim()} /> : null}
          </div>
        );
      })}
      <div>
        <button type="button" className="button button-small button-secondary" onClick={() => setRows([...rows, { key: '', value: '' }])}>
          Add variable
        </button>
      </div>
      <FieldErrorText field={field} label="CSS variables" />
    </fieldset>
  );
}
