import { useCallback, useSyncExternalStore } from 'react';

/**
 * Away mode, per teammate, in this browser only (localStorage, shared by its tabs): there is no server
 * field for it yet. While away, the Inbox sends no browser notifications.
 */
const keyOf = (teammateId: string) => `frontdesk:away:${teammateId}`;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

export function isAway(teammateId: string): boolean {
  try {
    return window.localStorage.getItem(keyOf(teammateId)) === '1';
  } catch {
    return false;
  }
}

function setAway(teammateId: string, away: boolean): void {
  try {
    if (away) window.localStorage.setItem(keyOf(teammateId), '1');
    else window.localStorage.removeItem(keyOf(teammateId));
  } catch {
    // Storage refused (private mode): the toggle lasts until the page reloads.
  }
  for (const listener of listeners) listener();
}

export function useAwayMode(teammateId: string): [boolean, (away: boolean) => void] {
  const away = useSyncExternalStore(subscribe, () => isAway(teammateId));
  const set = useCallback((value: boolean) => setAway(teammateId, value), [teammateId]);
  return [away, set];
}
