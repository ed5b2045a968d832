import type { ConversationDetail, ConversationPage, ServerFrame } from '@frontdesk/api-types';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, messageOf } from '../api/client.ts';
import { useRealtime } from '../realtime/realtime-provider.tsx';
import { appendPage, applyFrame, hideConversation, type ListContext, type ListState, mergeFirstPage, placeRow } from './conversation-list-state.ts';

export const pageSize = 25;
const rowFetchDelayMs = 150;
const refetchDelayMs = 400;

export interface ConversationList {
  state: ListState | undefined;
  loading: boolean;
  error: string | undefined;
  loadingMore: boolean;
  moreError: string | undefined;
  loadMore: () => void;
  reload: () => void;
}

type EventFrame = Extract<ServerFrame, { type: 'event' }>;
/** The frames that change a list: events, and conversations moving out of this teammate's sight. */
type ListFrame = EventFrame | Extract<ServerFrame, { type: 'conversation_hidden' }>;

function pagePath(context: ListContext, cursor?: string): string {
  const query = new URLSearchParams({ view: context.view.id, state: context.tab, sort: context.sort, per_page: String(pageSize) });
  if (cursor) query.set('cursor', cursor);
  return `/inbox/conversations?${query}`;
}

/**
 * One view's conversations, kept current by the teammate stream: frames update, move and remove rows
 * in place; rows the browser cannot describe alone are read again, debounced. Frames that arrive while
 * a page is being read wait for it, then apply if they are newer than it.
 */
export function useConversationList(context: ListContext, streamReady: boolean): ConversationList {
  const { onInbox } = useRealtime();
  const [state, setState] = useState<ListState>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string>();
  const [generation, setGeneration] = useState(0);

  const current = useRef<ListState | undefined>(undefined);
  const contextRef = useRef(context);
  contextRef.current = context;
  const buffered = useRef<ListFrame[] | null>(null);
  const rowQueue = useRef(new Set<string>());
  const timers = useRef<{ rows?: number; refetch?: number }>({});
  const epoch = useRef(0);
  const key = `${context.view.id}|${context.tab}|${context.sort}`;

  const commit = useCallback((next: ListState | undefined) => {
    current.current = next;
    setState(next);
  }, []);

  const fetchRows = useCallback(async () => {
    const ids = [...rowQueue.current];
    rowQueue.current.clear();
    const mine = epoch.current;
    await Promise.all(
      ids.map(async (id) => {
        try {
          const detail = await api.get<ConversationDetail>(`/inbox/conversations/${encodeURIComponent(id)}`);
          if (mine !== epoch.current || !current.current) return;
          commit(placeRow(current.current, detail.conversation, contextRef.current, detail.seq));
        } catch (failure) {
          // Hidden from this teammate now (reassigned to another team) or deleted: it leaves the list.
          if (failure instanceof ApiError && failure.status === 404 && mine === epoch.current && current.current) {
            const list = current.current;
            if (list.rows.some((row) => row.id === id)) commit({ ...list, rows: list.rows.filter((row) => row.id !== id), total: Math.max(0, list.total - 1) });
          }
        }
      }),
    );
  }, [commit]);

  const applyRef = useRef<(frame: ListFrame) => void>(() => {});
  /** Page reads in flight: frames wait until the last one is in. */
  const reading = useRef(0);
  const startReading = useCallback(() => {
    reading.current += 1;
    buffered.current ??= [];
  }, []);
  const drain = useCallback(() => {
    reading.current = Math.max(0, reading.current - 1);
    if (reading.current > 0) return;
    const waiting = buffered.current ?? [];
    buffered.current = null;
    for (const frame of waiting) applyRef.current(frame);
  }, []);

  const refetchFirstPage = useCallback(async () => {
    const mine = epoch.current;
    startReading();
    try {
      const page = await api.get<ConversationPage>(pagePath(contextRef.current));
      if (mine !== epoch.current) return;
      commit(mergeFirstPage(current.current, page, contextRef.current.sort));
    } catch {
      // The list stays as it is; the next change or a reload tries again.
    } finally {
      if (mine === epoch.current) drain();
    }
  }, [commit, drain, startReading]);

  const apply = useCallback(
    (frame: ListFrame) => {
      const list = current.current;
      if (!list) return;
      if (frame.type === 'conversation_hidden') {
        // A row fetch already queued for it would answer 404 and drop it anyway.
        rowQueue.current.delete(frame.conversation_id);
        const next = hideConversation(list, frame);
        if (next !== list) commit(next);
        return;
      }
      const { state: next, followUp } = applyFrame(list, frame, contextRef.current);
      if (next !== list) commit(next);
      if (followUp === 'fetch-row') {
        rowQueue.current.add(frame.conversation_id);
        window.clearTimeout(timers.current.rows);
        timers.current.rows = window.setTimeout(() => void fetchRows(), rowFetchDelayMs);
      } else if (followUp === 'refetch') {
        window.clearTimeout(timers.current.refetch);
        timers.current.refetch = window.setTimeout(() => void refetchFirstPage(), refetchDelayMs);
      }
    },
    [commit, fetchRows, refetchFirstPage],
  );

  applyRef.current = apply;

  // biome-ignore lint/correctness/useExhaustiveDependencies: key names the view, tab and sort; generation reloads.
  useEffect(() => {
    const mine = ++epoch.current;
    reading.current = 0;
    buffered.current = null;
    if (!streamReady) return;
    startReading();
    commit(undefined);
    setLoading(true);
    setError(undefined);
    setMoreError(undefined);
    api.get<ConversationPage>(pagePath(contextRef.current)).then(
      (page) => {
        if (mine !== epoch.current) return;
        commit(mergeFirstPage(undefined, page, contextRef.current.sort));
        setLoading(false);
        drain();
      },
      (failure: unknown) => {
        if (mine !== epoch.current) return;
        setError(messageOf(failure));
        setLoading(false);
        drain();
      },
    );
    return () => {
      window.clearTimeout(timers.current.rows);
      window.clearTimeout(timers.current.refetch);
      rowQueue.current.clear();
    };
  }, [key, generation, streamReady]);

  useEffect(
    () =>
      onInbox((frame) => {
        if (frame.type === 'reset') {
          setGeneration((n) => n + 1);
          return;
        }
        if (frame.type !== 'event' && frame.type !== 'conversation_hidden') return;
        if (buffered.current) buffered.current.push(frame);
        else apply(frame);
      }),
    [onInbox, apply],
  );

  const loadingMoreRef = useRef(false);
  const loadMore = useCallback(() => {
    const list = current.current;
    if (!list?.next || loadingMoreRef.current) return;
    const mine = epoch.current;
    loadingMoreRef.current = true;
    setLoadingMore(true);
    setMoreError(undefined);
    startReading();
    api.get<ConversationPage>(pagePath(contextRef.current, list.next)).then(
      (page) => {
        loadingMoreRef.current = false;
        setLoadingMore(false);
        if (mine !== epoch.current || !current.current) return;
        commit(appendPage(current.current, page, contextRef.current.sort));
        drain();
      },
      (failure: unknown) => {
        loadingMoreRef.current = false;
        setLoadingMore(false);
        if (mine !== epoch.current) return;
        setMoreError(messageOf(failure));
        drain();
      },
    );
  }, [commit, drain, startReading]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, loading, error, loadingMore, moreError, loadMore, reload };
}
