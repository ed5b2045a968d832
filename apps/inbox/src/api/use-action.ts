import { useState } from 'react';
import { messageOf } from './client.ts';

export type Outcome<R> = { ok: true; value: R } | { ok: false };

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<Outcome<R>>;
  pending: boolean;
  error: string | undefined;
  clearError: () => void;
}

/** Wraps a write call with pending and error state, for forms and buttons. */
export function useAction<A extends unknown[], R>(perform: (...args: A) => Promise<R>): Action<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function run(...args: A): Promise<Outcome<R>> {
    setPending(true);
    setError(undefined);
    try {
      return { ok: true, value: await perform(...args) };
    } catch (failure) {
      setError(messageOf(failure));
      return { ok: false };
    } finally {
      setPending(false);
    }
  }
  return { run, pending, error, clearError: () => setError(undefined) };
}
