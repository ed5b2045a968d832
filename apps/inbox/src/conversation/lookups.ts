import type { Macro, SavedReply, TagSummary, TeammateList } from '@frontdesk/api-types';
import { useCallback, useEffect, useState } from 'react';
import { api, messageOf } from '../api/client.ts';

/**
 * The workspace's lists the conversation view picks from (teammates, teams, tags, saved replies,
 * macros): fetched once per tab and shared by every open conversation; `refresh` after a change.
 */
export interface TeamOption {
  id: string;
  name: string;
  admin_ids: string[];
}
export interface TeammateOption {
  id: string;
  name: string;
  email: string;
  away_mode_enabled: boolean;
}

interface Lookup<T> {
  path: string;
  pick: (body: unknown) => T[];
}

/** List answers are `{<key>: [...]}`; an array is accepted too. */
const listIn =
  <T>(key: string) =>
  (body: unknown): T[] => {
    if (Array.isArray(body)) return body as T[];
    const value = (body as Record<string, unknown> | null)?.[key];
    return Array.isArray(value) ? (value as T[]) : [];
  };

export const teammatesLookup: Lookup<TeammateOption> = {
  path: '/teammates',
  pick: (body) => (body as TeammateList).teammates.map(({ id, name, email, away_mode_enabled }) => ({ id, name, email, away_mode_enabled })),
};
export const teamsLookup: Lookup<TeamOption> = { path: '/teams', pick: listIn<TeamOption>('teams') };
export const tagsLookup: Lookup<TagSummary> = { path: '/tags', pick: listIn<TagSummary>('tags') };
export const savedRepliesLookup: Lookup<SavedReply> = { path: '/saved-replies', pick: listIn<SavedReply>('saved_replies') };
export const macrosLookup: Lookup<Macro> = { path: '/macros', pick: listIn<Macro>('macros') };

/** A custom attribute the workspace declared (what GET /app-api/data-attributes lists). */
export interface DeclaredAttribute {
  name: string;
  label: string;
  data_type: string;
  options: string[] | null;
  custom: boolean;
  archived: boolean;
}
const attributeLookups = new Map<string, Lookup<DeclaredAttribute>>();
/** The workspace's own, live attributes of a model (standard fields are shown apart). */
export function dataAttributesLookup(model: 'contact' | 'conversation'): Lookup<DeclaredAttribute> {
  let lookup = attributeLookups.get(model);
  if (!lookup) {
    lookup = {
      path: `/data-attributes?model=${model}`,
      pick: (body) => listIn<DeclaredAttribute>('data_attributes')(body).filter((attribute) => attribute.custom && !attribute.archived),
    };
    attributeLookups.set(model, lookup);
  }
  return lookup;
}

const cache = new Map<string, Promise<unknown[]>>();
const listeners = new Map<string, Set<() => void>>();
let cachedFor: string | undefined;

/** Lists belong to one workspace: a switch to another forgets them. */
export function scopeLookups(workspace: string): void {
  if (cachedFor === workspace) return;
  cachedFor = workspace;
  cache.clear();
}

function load<T>(lookup: Lookup<T>): Promise<T[]> {
  let pending = cache.get(lookup.path) as Promise<T[]> | undefined;
  if (!pending) {
    pending = api.get<unknown>(lookup.path).then(lookup.pick);
    // A failure is not cached: the next picker that opens asks again.
    pending.catch(() => cache.delete(lookup.path));
    cache.set(lookup.path, pending);
  }
  return pending;
}

/** Forgets a list (after creating a tag, say) so every view using it loads it again. */
export function refreshLookup(lookup: Lookup<unknown>): void {
  cache.delete(lookup.path);
  for (const listener of listeners.get(lookup.path) ?? []) listener();
}

export interface LookupState<T> {
  items: T[] | undefined;
  error: string | undefined;
  retry: () => void;
}

/** The list, loaded when `enabled` first turns true (a menu opening), then kept. */
export function useLookup<T>(lookup: Lookup<T>, enabled = true): LookupState<T> {
  const [items, setItems] = useState<T[]>();
  const [error, setError] = useState<string>();
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const path = lookup.path;
    const set = listeners.get(path) ?? new Set();
    const listener = () => setGeneration((n) => n + 1);
    set.add(listener);
    listeners.set(path, set);
    return () => {
      set.delete(listener);
    };
  }, [lookup.path]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger.
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setError(undefined);
    load(lookup).then(
      (list) => current && setItems(list),
      (failure: unknown) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [lookup, enabled, generation]);

  const retry = useCallback(() => setGeneration((n) => n + 1), []);
  return { items, error, retry };
}
