import { useEffect, useRef, useSyncExternalStore } from 'react';
import { type KeyEventLike, matchesStroke, parseKeys, type Stroke } from './key-combo.ts';

export interface RegisteredShortcut {
  id: number;
  keys: string;
  description: string;
}

interface Entry extends RegisteredShortcut {
  strokes: Stroke[];
  /** Returning false declines the key (the browser handles it as usual). */
  handler: () => unknown;
}

/** A second stroke of a sequence ("g" then "i") must follow within this time. */
const sequenceMs = 1200;

// One registry per tab: components register while mounted, the newest registration of a key wins.
const entries: Entry[] = [];
const listeners = new Set<() => void>();
let snapshot: RegisteredShortcut[] = [];
let nextId = 1;
let pending: { strokes: Stroke[]; at: number } | null = null;
let listening = false;

function changed(): void {
  snapshot = entries.map(({ id, keys, description }) => ({ id, keys, description }));
  for (const listener of listeners) listener();
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

function sameStrokes(a: Stroke[], b: Stroke[]): boolean {
  return a.length === b.length && a.every((stroke, index) => JSON.stringify(stroke) === JSON.stringify(b[index]));
}

/** The entry a key press completes, the sequence it starts, or nothing. */
export function resolveKey(
  candidates: readonly { strokes: Stroke[] }[],
  prefix: Stroke[],
  event: KeyEventLike,
): { complete?: number; startsSequence?: Stroke[] } {
  let startsSequence: Stroke[] | undefined;
  for (let index = candidates.length - 1; index >= 0; index--) {
    const strokes = candidates[index]?.strokes ?? [];
    if (strokes.length <= prefix.length) continue;
    if (!sameStrokes(strokes.slice(0, prefix.length), prefix)) continue;
    const next = strokes[prefix.length];
    if (!next || !matchesStroke(next, event)) continue;
    if (strokes.length === prefix.length + 1) return { complete: index };
    startsSequence ??= strokes.slice(0, prefix.length + 1);
  }
  return startsSequence ? { startsSequence } : {};
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.isComposing || event.repeat) return;
  // Shortcuts never fire under an open modal dialog: it has its own keys.
  if (document.querySelector('dialog[open]')) return;
  const typing = isTyping(event.target);
  const usable = entries.filter((entry) => !typing || entry.strokes[0]?.mod);
  const prefix = pending && Date.now() - pending.at < sequenceMs ? pending.strokes : [];
  let found = resolveKey(usable, prefix, event);
  if (found.complete === undefined && !found.startsSequence && prefix.length) found = resolveKey(usable, [], event);
  pending = null;
  if (found.startsSequence) {
    pending = { strokes: found.startsSequence, at: Date.now() };
    event.preventDefault();
    return;
  }
  if (found.complete === undefined) return;
  const entry = usable[found.complete];
  if (!entry || entry.handler() === false) return;
  event.preventDefault();
}

function register(entry: Entry): () => void {
  entries.push(entry);
  if (!listening) {
    window.addEventListener('keydown', onKeyDown);
    listening = true;
  }
  changed();
  return () => {
    const index = entries.indexOf(entry);
    if (index >= 0) entries.splice(index, 1);
    changed();
  };
}

/**
 * Binds `keys` ("r", "shift+a", "mod+k", "g i") while the component is mounted and `enabled`. Ignored
 * while the teammate types in a field, unless the shortcut uses mod. Listed in the "?" overlay. A
 * handler that returns false leaves the key to the browser.
 */
export function useShortcut(keys: string, description: string, handler: () => unknown, enabled = true): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    return register({ id: nextId++, keys, description, strokes: parseKeys(keys), handler: () => latest.current() });
  }, [keys, description, enabled]);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Every shortcut registered now, once per keys and description. */
export function useRegisteredShortcuts(): RegisteredShortcut[] {
  return useSyncExternalStore(subscribe, () => snapshot);
}
