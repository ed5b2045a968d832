import { createContext, type ReactNode, useContext } from 'react';

/** A refusal of the server tied to one field of the form (`errors[].field` of the envelope). */
export interface FieldError {
  /** The field the server named, e.g. "customization.action_color" or "content_safety.redaction_patterns[0].pattern". */
  field: string;
  /** The rendered control that shows it: the field itself, or the closest enclosing group. */
  shownAt: string;
  message: string;
}

const FieldErrorContext = createContext<FieldError | undefined>(undefined);

export function FieldErrorProvider({ error, children }: { error: FieldError | undefined; children: ReactNode }) {
  return <FieldErrorContext value={error}>{children}</FieldErrorContext>;
}

/** The DOM id of the control for a settings path, so a server error can find and focus it. */
export function fieldId(field: string): string {
  return `messenger-${field.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** The closest rendered control for a field the server named, walking up its path. */
export function locateField(field: string): string | undefined {
  // Array items come as "patterns[0].name" (service checks) or "patterns.0.name" (schema checks).
  const segments = field.replace(/\[(\d+)\]/g, '.$1').split('.');
  for (let length = segments.length; length > 0; length--) {
    const candidate = segments.slice(0, length).join('.');
    if (document.getElementById(fieldId(candidate))) return candidate;
  }
  return undefined;
}

export function useFieldError(field: string): { id: string; errorId: string; error: FieldError | undefined } {
  const error = useContext(FieldErrorContext);
  const id = fieldId(field);
  return { id, errorId: `${id}-error`, error: error?.shownAt === field ? error : undefined };
}

/** Validation messages name the JSON path ("customization.x" must …): say it with the field's label instead. */
export function readableMessage(error: FieldError, label: string): string {
  const quoted = `"${error.field}" `;
  if (!error.message.startsWith(quoted)) return error.message;
  const rest = error.message.slice(quoted.length);
  if (rest.startsWith('must match pattern')) return `${label} is not in the expected format.`;
  return `${label} ${rest}.`;
}

export function FieldErrorText({ field, label }: { field: string; label: string }) {
  const { errorId, error } = useFieldError(field);
  if (!error) return null;
  return (
    <p className="field-error" id={errorId}>
      {readableMessage(error, label)}
    </p>
  );
}

/** aria-describedby for a control: its hint and, when refused, its error. */
export function describedBy(...ids: (string | false | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length > 0 ? present.join(' ') : undefined;
}
