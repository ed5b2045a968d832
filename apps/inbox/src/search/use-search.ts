import type { SearchResults } from '@frontdesk/api-types';
import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/client.ts';

export const minimumQueryLength = 2;
const debounceMs = 200;

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; query: string; previous?: SearchResults }
  | { status: 'done'; query: string; results: SearchResults }
  | { status: 'error'; query: string; message: string };

/** Full-text search as the teammate types: debounced, and only the answer to the latest query is kept. */
export function useSearch(query: string): SearchState {
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const trimmed = query.trim();

  useEffect(() => {
    if (trimmed.length < minimumQueryLength) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState((before) => ({ status: 'loading', query: trimmed, previous: before.status === 'done' ? before.results : before.status === 'loading' ? before.previous : undefined }));
    const timer = window.setTimeout(() => {
      api.get<SearchResults>(`/search?q=${encodeURIComponent(trimmed)}&limit=8`).then(
        (results) => current && setState({ status: 'done', query: trimmed, results }),
        (failure: unknown) => current && setState({ status: 'error', query: trimmed, message: messageOf(failure) }),
      );
    }, debounceMs);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [trimmed]);

  return state;
}
