import type { ContactCondition, ContactFilters, DataAttribute } from '@frontdesk/api-types';
import { fromDraft } from './attribute-values.ts';

/** A condition as the filter bar edits it: the value stays text until it is sent. */
export interface DraftCondition {
  key: number;
  field: string;
  operator: ContactCondition['operator'];
  value: string;
}

export interface FilterState {
  role: '' | 'user' | 'lead';
  text: string;
  tagId: string;
  segmentId: string;
  conditions: DraftCondition[];
}

export const emptyFilters: FilterState = { role: '', text: '', tagId: '', segmentId: '', conditions: [] };

/**
 * The filters the server gets. A condition without a value yet, or with a value its attribute's type
 * refuses, is left out (the row says so) rather than failing the whole list.
 */
export function toContactFilters(state: FilterState, attributes: Map<string, DataAttribute>): ContactFilters {
  const conditions: ContactCondition[] = [];
  for (const draft of state.conditions) {
    const attribute = attributes.get(draft.field);
    if (!attribute || draft.value.trim() === '') continue;
    const value = fromDraft(attribute, draft.value);
    if (value === undefined || value === null) continue;
    conditions.push({ field: draft.field, operator: draft.operator, value });
  }
  return {
    ...(state.role ? { role: state.role } : {}),
    ...(state.text.trim() ? { text: state.text.trim() } : {}),
    ...(state.tagId ? { tag_id: state.tagId } : {}),
    ...(state.segmentId ? { segment_id: state.segmentId } : {}),
    ...(conditions.length ? { conditions } : {}),
  };
}

export function hasFilters(filters: ContactFilters): boolean {
  return Object.keys(filters).length > 0;
}

/** GET /app-api/contacts's query string for these filters and page. */
export function contactsPath(filters: ContactFilters, cursor: string | null, perPage: number): string {
  const params = new URLSearchParams();
  if (filters.role) params.set('role', filters.role);
  if (filters.text) params.set('text', filters.text);
  if (filters.tag_id) params.set('tag_id', filters.tag_id);
  if (filters.segment_id) params.set('segment_id', filters.segment_id);
  if (filters.conditions?.length) params.set('conditions', JSON.stringify(filters.conditions));
  if (cursor) params.set('cursor', cursor);
  params.set('per_page', String(perPage));
  return `/contacts?${params}`;
}
