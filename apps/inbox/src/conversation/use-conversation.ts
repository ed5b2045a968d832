import type { ConversationDetail, ServerFrame } from '@frontdesk/api-types';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, messageOf, request } from '../api/client.ts';
import { applyFrame, mergeDetail } from './detail-merge.ts';

export interface ConversationState {
  detail: ConversationDetail | undefined;
  loadError: string | undefined;
  /** The last failed action's message (shown above the transcript until dismissed). */
  actionError: string | undefined;
  dismissActionError: () => void;
  reload: () => void;
  /**
   * POSTs (or PUTs/DELETEs) an action that answers the new detail; resolves to the error message, or
   * undefined when it worked. `quiet` leaves the message to the caller instead of the banner.
   */
  act: (method: 'post' | 'put' | 'delete', path: string, body?: unknown, options?: { quiet?: boolean }) => Promise<string | undefined>;
  /** Actions under way. */
  busy: boolean;
  /** An answer obtained elsewhere (a macro run): shown like an action's answer. */
  accept: (detail: ConversationDetail) => void;
  receive: (frame: ServerFrame) => void;
}

const reloadDelayMs = 250;

/** One conversation's detail: loaded over HTTP, kept current by action answers and live frames. */
export function useConversation(conversationId: string): ConversationState {
  const base = `/inbox/conversations/${encodeURIComponent(conversationId)}`;
  const [detail, setDetail] = useState<ConversationDetail>();
  const [loadError, setLoadError] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [running, setRunning] = useState(0);
  const reloadTimer = useRef<number | undefined>(undefined);
  const alive = useRef(true);
  const shown = useRef<ConversationDetail | undefined>(undefined);
  shown.current = detail;

  const load = useCallback(async () => {
    try {
      const next = await api.get<ConversationDetail>(base);
      if (!alive.current) return;
      setDetail((current) => mergeDetail(current, next));
      setLoadError(undefined);
    } catch (failure) {
      if (alive.current) setLoadError(messageOf(failure));
    }
  }, [base]);

  useEffect(() => {
    alive.current = true;
    void load();
    return () => {
      alive.current = false;
      window.clearTimeout(reloadTimer.current);
    };
  }, [load]);

  const scheduleReload = useCallback(() => {
    window.clearTimeout(reloadTimer.current);
    reloadTimer.current = window.setTimeout(() => void load(), reloadDelayMs);
  }, [load]);

  const accept = useCallback((next: ConversationDetail) => setDetail((current) => mergeDetail(current, next)), []);

  const act = useCallback(
    async (method: 'post' | 'put' | 'delete', path: string, body?: unknown, options: { quiet?: boolean } = {}) => {
      setActionError(undefined);
      setRunning((n) => n + 1);
      try {
        const url = `${base}${path}`;
        const answer = await request<ConversationDetail | undefined>(method === 'post' ? 'POST' : method === 'put' ? 'PUT' : 'DELETE', url, method === 'delete' ? undefined : (body ?? {}));
        // A 204 answers nothing: read the conversation as it is now.
        const next = answer ?? (await api.get<ConversationDetail>(base));
        if (alive.current) accept(next);
        return undefined;
      } catch (failure) {
        const message = messageOf(failure);
        if (alive.current && !options.quiet) setActionError(message);
        return message;
      } finally {
        if (alive.current) setRunning((n) => n - 1);
      }
    },
    [base, accept],
  );

  const receive = useCallback(
    (frame: ServerFrame) => {
      // Updaters run later, during render: decide about the reload on what is shown now.
      const reload = shown.current ? applyFrame(shown.current, frame).reload : false;
      setDetail((current) => (current ? applyFrame(current, frame).detail : current));
      if (reload) scheduleReload();
    },
    [scheduleReload],
  );

  return {
    detail,
    loadError,
    actionError,
    dismissActionError: () => setActionError(undefined),
    reload: () => void load(),
    act,
    busy: running > 0,
    accept,
    receive,
  };
}
