import { useRef, useState } from 'react';
import { describedBy, FieldError } from './form-fields.tsx';

/** The placeholders the server fills (modules/saved-replies/placeholders.ts), with what each becomes. */
export const placeholders = [
  { token: '{{contact.first_name | "there"}}', label: 'Contact first name', description: 'First name, or "there" when unknown' },
  { token: '{{contact.name}}', label: 'Contact name', description: 'Full name' },
  { token: '{{contact.email}}', label: 'Contact email', description: 'Email address' },
  { token: '{{teammate.first_name}}', label: 'Your first name', description: 'The teammate sending it' },
  { token: '{{teammate.name}}', label: 'Your name', description: 'Full name of the teammate sending it' },
  { token: '{{conversation.id}}', label: 'Conversation id', description: 'For references in replies' },
] as const;

interface BodyFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  required?: boolean;
  hint?: string;
}

/**
 * The reply text with its placeholder help: each button inserts a placeholder where the cursor is
 * (or at the end), then puts the cursor after it.
 */
export function BodyField({ id, label, value, onChange, error, required, hint }: BodyFieldProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [attribute, setAttribute] = useState('');

  function insert(token: string) {
    const element = textarea.current;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + token + value.slice(end));
    requestAnimationFrame(() => {
      if (!element) return;
      element.focus();
      element.setSelectionRange(start + token.length, start + token.length);
    });
  }

  const attributeKey = attribute.trim();
  const helpId = `${id}-placeholders`;
  return (
    <div className="body-field">
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea
          id={id}
          ref={textarea}
          rows={6}
          value={value}
          required={required}
          maxLength={20_000}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(`${id}-hint`, helpId, error && `${id}-error`)}
        />
        <p className="field-hint" id={`${id}-hint`}>
          {hint ?? 'Plain text; a blank line starts a new paragraph. Basic HTML (<b>, <i>, <a href>) is kept.'}
        </p>
        <FieldError id={id} message={error} />
      </div>
      <section className="placeholder-help" aria-labelledby={`${helpId}-title`}>
        <h3 id={`${helpId}-title`}>Placeholders</h3>
        <p className="field-hint" id={helpId}>
          Filled in when the reply is inserted. Add a fallback for empty values:{' '}
          <code>{'{{contact.first_name | "there"}}'}</code>.
        </p>
        <ul className="placeholder-list">
          {placeholders.map((placeholder) => (
            <li key={placeholder.token}>
              <button
                type="button"
                className="button button-small button-secondary placeholder-button"
                aria-label={`Insert ${placeholder.label.toLowerCase()} placeholder`}
                title={placeholder.description}
                onClick={() => insert(placeholder.token)}
              >
                <code>{placeholder.token}</code>
              </button>
            </li>
          ))}
        </ul>
        <div className="inline-form placeholder-attribute">
          <div className="field">
            <label htmlFor={`${id}-attribute`}>Contact attribute</label>
            <input
              id={`${id}-attribute`}
              value={attribute}
              placeholder="e.g. plan"
              maxLength={190}
              autoComplete="off"
              onChange={(event) => setAttribute(event.target.value)}
            />
          </div>
          <button
            type="button"
            className="button button-secondary"
            disabled={!attributeKey}
            onClick={() => insert(`{{contact.custom_attributes.${attributeKey}}}`)}
          >
            Insert attribute
          </button>
        </div>
      </section>
    </div>
  );
}
