import { type InputHTMLAttributes, type ReactNode, useState } from 'react';
import { cssColorToHex } from './css-color.ts';
import { describedBy, FieldErrorText, useFieldError } from './field-errors.tsx';

interface Labelled {
  /** The settings path, e.g. "customization.greeting": the control's id and where server errors land. */
  field: string;
  label: string;
  hint?: ReactNode;
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p className="field-hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>;

export function TextField({
  field,
  label,
  hint,
  value,
  onChange,
  ...input
}: Labelled & TextInputProps & { value: string; onChange: (value: string) => void }) {
  const { id, errorId, error } = useFieldError(field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error && errorId)}
        {...input}
      />
      <Hint id={id} hint={hint} />
      <FieldErrorText field={field} label={label} />
    </div>
  );
}

export function TextAreaField({
  field,
  label,
  hint,
  value,
  onChange,
  maxLength,
}: Labelled & { value: string; onChange: (value: string) => void; maxLength?: number }) {
  const { id, errorId, error } = useFieldError(field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={2}
        value={value}
        maxLength={maxLength}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error && errorId)}
      />
      <Hint id={id} hint={hint} />
      <FieldErrorText field={field} label={label} />
    </div>
  );
}

/**
 * A number input that keeps what the teammate types ("1." or an empty box) while passing only
 * finite numbers up, so a controlled value never fights the keyboard.
 */
export function NumberField({
  field,
  label,
  hint,
  value,
  onChange,
  min,
  max,
  step,
  unit,
}: Labelled & { value: number; onChange: (value: number) => void; min?: number; max?: number; step?: number; unit?: string }) {
  const { id, errorId, error } = useFieldError(field);
  const [text, setText] = useState(String(value));
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (Number(text) !== value) setText(String(value));
  }

  function change(raw: string) {
    setText(raw);
    const parsed = Number(raw);
    if (raw.trim() !== '' && Number.isFinite(parsed)) onChange(parsed);
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="input-with-unit">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={text}
          onChange={(event) => change(event.target.value)}
          onBlur={() => setText(String(value))}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error && errorId)}
        />
        {unit ? (
          <span className="input-unit" aria-hidden="true">
            {unit}
          </span>
        ) : null}
      </span>
      <Hint id={id} hint={hint} />
      <FieldErrorText field={field} label={label} />
    </div>
  );
}

/** A swatch picker and a hex text box editing the same value. */
export function ColorField({ field, label, hint, value, onChange }: Labelled & { value: string; onChange: (value: string) => void }) {
  const { id, errorId, error } = useFieldError(field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="color-input">
        <input
          type="color"
          aria-label={`${label} picker`}
          value={cssColorToHex(value) ?? '#000000'}
          onChange={(event) => onChange(event.target.value)}
        />
        <input
          id={id}
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder="#1f6feb"
          maxLength={32}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error && errorId)}
        />
      </span>
      <Hint id={id} hint={hint} />
      <FieldErrorText field={field} label={label} />
    </div>
  );
}

export function Toggle({
  field,
  label,
  hint,
  checked,
  onChange,
}: Labelled & { checked: boolean; onChange: (checked: boolean) => void }) {
  const { id, errorId, error } = useFieldError(field);
  return (
    <div className="field">
      <span className="toggle">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error && errorId)}
        />
        <label htmlFor={id}>{label}</label>
      </span>
      <Hint id={id} hint={hint} />
      <FieldErrorText field={field} label={label} />
    </div>
  );
}

export function SelectField<T extends string>({
  field,
  label,
  hint,
  value,
  options,
  onChange,
}: Labelled & { value: T; options: readonly { value: T; label: string }[]; onChange: (value: T) => void }) {
  const { id, errorId, error } = useFieldError(field);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value as T)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint ? `${id}-hint` : undefined, error && errorId)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint id={id} hint={hint} />
      <FieldErrorText field={field} label={label} />
    </div>
  );
}

/** Radio buttons in a fieldset whose legend names the choice. */
export function ChoiceField<T extends string>({
  field,
  label,
  value,
  options,
  onChange,
}: Labelled & { value: T; options: readonly { value: T; label: string }[]; onChange: (value: T) => void }) {
  const { id, errorId, error } = useFieldError(field);
  return (
    <fieldset className="field choice" id={id} tabIndex={-1} aria-describedby={error ? errorId : undefined}>
      <legend>{label}</legend>
      <span className="choice-options">
        {options.map((option) => (
          <label key={option.value} className="choice-option">
            <input
              type="radio"
              name={id}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </span>
      <FieldErrorText field={field} label={label} />
    </fieldset>
  );
}

/** A titled group of fields inside a settings panel. */
export function FormGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="form-group">
      <h3>{title}</h3>
      {children}
    </div>
  );
}
