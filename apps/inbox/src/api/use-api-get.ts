import { useCallback, useEffect, useState } from 'react';
import { api, messageOf } from './client.ts';

export interface ApiGet<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload: () => void;
  setData: (update: (current: T) => T) => void;
}

/** Loads `path` on mount and whenever reload() is called. */
export function useApiGet<T>(path: string): ApiGet<T> {
  const [data, setRaw] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger.
  useEffect(() => {
    let current = true;
    setLoading(true);
    setError(undefined);
    api.get<T>(path).then(
      (result) => {
        if (!current) return;
        setRaw(result);
        setLoading(false);
      },
      (failure: unknown) => {
        if (!current) return;
        setError(messageOf(failure));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [path, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const setData = useCallback((update: (current: T) => T) => {
    setRaw((current) => (current === undefined ? current : update(current)));
  }, []);
  return { data, error, loading, reload, setData };
}
