import { type KeyboardEvent, useState } from 'react';
import { FieldErrorText, useFieldError } from './field-errors.tsx';

const field = 'content_safety.allowed_attachment_types';

/** The allowlist of attachment types as removable chips plus a box to add one. */
export function AttachmentTypesField({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) {
  const { id, errorId, error } = useFieldError(field);
  const [adding, setAdding] = useState('');

  function add() {
    const types = adding
      .split(/[\s,]+/)
      .map((type) => type.trim().toLowerCase())
      .filter((type) => type !== '' && !value.includes(type));
    if (types.length > 0) onChange([...value, ...new Set(types)]);
    setAdding('');
  }
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    add();
  }

  return (
    <fieldset className="field" id={id} tabIndex={-1} aria-describedby={`${id}-hint${error ? ` ${errorId}` : ''}`}>
      <legend>Allowed attachment types</legend>
      <p className="field-hint" id={`${id}-hint`}>
        MIME types or wildcards such as <code>image/*</code> or <code>application/pdf</code>. With none listed, any type is
        accepted; SVG and HTML files are never shown inline either way.
      </p>
      {value.length === 0 ? (
        <p className="muted">Any type.</p>
      ) : (
        <ul className="chips">
          {value.map((type) => (
            <li key={type} className="chip">
              <code>{type}</code>
              <button type="button" className="chip-remove" aria-label={`Remove ${type}`} onClick={() => onChange(value.filter((t) => t !== type))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <span className="inline-form">
        <input
          aria-label="Attachment type to allow"
          placeholder="image/*"
          spellCheck={false}
          autoComplete="off"
          value={adding}
          onChange={(event) => setAdding(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button button-small button-secondary" onClick={add} disabled={adding.trim() === ''}>
          Add type
        </button>
      </span>
      <FieldErrorText field={field} label="Allowed attachment types" />
    </fieldset>
  );
}
