import type { DataAttribute, Segment, Tag } from '@frontdesk/api-types';
import { useId, useRef } from 'react';
import { ConditionRow } from './condition-row.tsx';
import { emptyFilters, type FilterState } from './filter-state.ts';

interface Props {
  state: FilterState;
  onChange: (state: FilterState) => void;
  tags: Tag[];
  segments: Segment[];
  attributes: DataAttribute[];
}

export const maxConditions = 10;

/** The contacts page's filter bar: role, name or email, tag, saved segment and attribute conditions. */
export function ContactFilters({ state, onChange, tags, segments, attributes }: Props) {
  const id = useId();
  const nextKey = useRef(1);
  const set = (patch: Partial<FilterState>) => onChange({ ...state, ...patch });

  function addCondition() {
    const key = nextKey.current++;
    set({ conditions: [...state.conditions, { key, field: '', operator: '=', value: '' }] });
  }

  return (
    <section className="people-filter-bar" aria-label="Filters">
      <div className="people-filter-grid">
        <div className="field">
          <label htmlFor={`${id}-text`}>Name or email</label>
          <input
            id={`${id}-text`}
            type="search"
            placeholder="Contains…"
            autoComplete="off"
            value={state.text}
            onChange={(event) => set({ text: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Type</label>
          <select id={`${id}-role`} value={state.role} onChange={(event) => set({ role: event.target.value as FilterState['role'] })}>
            <option value="">Users and leads</option>
            <option value="user">Users</option>
            <option value="lead">Leads</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-tag`}>Tag</label>
          <select id={`${id}-tag`} value={state.tagId} onChange={(event) => set({ tagId: event.target.value })}>
            <option value="">Any tag</option>
            {tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-segment`}>Segment</label>
          <select id={`${id}-segment`} value={state.segmentId} onChange={(event) => set({ segmentId: event.target.value })}>
            <option value="">All contacts</option>
            {segments.map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {state.conditions.length > 0 ? (
        <ul className="people-conditions" aria-label="Attribute conditions">
          {state.conditions.map((condition, index) => (
            <ConditionRow
              key={condition.key}
              index={index}
              condition={condition}
              attributes={attributes}
              onChange={(changed) => set({ conditions: state.conditions.map((item) => (item.key === condition.key ? changed : item)) })}
              onRemove={() => set({ conditions: state.conditions.filter((item) => item.key !== condition.key) })}
            />
          ))}
        </ul>
      ) : null}
      <div className="button-row">
        <button type="button" className="button button-secondary button-small" onClick={addCondition} disabled={state.conditions.length >= maxConditions}>
          Add attribute filter
        </button>
        {state.text || state.role || state.tagId || state.segmentId || state.conditions.length > 0 ? (
          <button
            type="button"
            className="link-button small"
            onClick={() => onChange(emptyFilters)}
          >
            Clear filters
          </button>
        ) : null}
      </div>
    </section>
  );
}
