import { useState } from 'react';
import { ApiError, messageOf } from '../../api/client.ts';

/** A refusal from the server, with the field it named (`errors[0].field` of the envelope) when it named one. */
export interface SubmitError {
  message: string;
  field?: string;
}

export interface Submit<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: SubmitError | undefined;
  /** The message for a field the form shows, if the server refused that field. */
  errorFor: (field: string) => string | undefined;
  /** The message to show above the buttons: any refusal not tied to one of `shownFields`. */
  generalError: (shownFields: string[]) => string | undefined;
  clear: () => void;
}

/** Saves a form, keeping the server's field errors so each lands under its control. */
export function useSubmit<A extends unknown[], R>(perform: (...args: A) => Promise<R>): Submit<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<SubmitError>();

  async function run(...args: A): Promise<R | undefined> {
    setPending(true);
    setError(undefined);
    try {
      return await perform(...args);
    } catch (failure) {
      setError({ message: messageOf(failure), field: failure instanceof ApiError ? failure.field : undefined });
      return undefined;
    } finally {
      setPending(false);
    }
  }

  return {
    run,
    pending,
    error,
    errorFor: (field) => (error?.field === field ? error.message : undefined),
    generalError: (shownFields) => (error && (!error.field || !shownFields.includes(error.field)) ? error.message : undefined),
    clear: () => setError(undefined),
  };
}

/** A DOM id for a form's control named after the API field (`actions[1].tag_id` → `macro-actions-1-tag_id`). */
export const controlId = (form: string, field: string) => `${form}-${field.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-$/, '')}`;
