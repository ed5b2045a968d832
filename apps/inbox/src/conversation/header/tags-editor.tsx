import type { TagSummary } from '@frontdesk/api-types';
import { type KeyboardEvent, useState } from 'react';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { refreshLookup, tagsLookup, useLookup } from '../lookups.ts';
import { Popover } from '../popover.tsx';

interface TagsEditorProps {
  conversationId: string;
  tags: TagSummary[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Resolves whether it worked. */
  onAdd: (tag: { tag_id: string } | { name: string }) => Promise<boolean>;
  onRemove: (tag: TagSummary) => void;
  disabled?: boolean;
}

/** The conversation's tags as chips; "Add tag" applies an existing tag or creates one by name. */
export function TagsEditor({ conversationId, tags, open, onOpenChange, onAdd, onRemove, disabled }: TagsEditorProps) {
  const all = useLookup(tagsLookup, open);
  const [query, setQuery] = useState('');
  const name = query.trim();
  const applied = new Set(tags.map((tag) => tag.id));
  const available = (all.items ?? []).filter((tag) => !applied.has(tag.id) && tag.name.toLowerCase().includes(name.toLowerCase()));
  const exact = (all.items ?? []).find((tag) => tag.name.toLowerCase() === name.toLowerCase());

  async function add(tag: { tag_id: string } | { name: string }) {
    const created = 'name' in tag;
    onOpenChange(false);
    setQuery('');
    if ((await onAdd(tag)) && created) refreshLookup(tagsLookup);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter' || !name) return;
    event.preventDefault();
    if (exact) {
      if (!applied.has(exact.id)) void add({ tag_id: exact.id });
    } else {
      void add({ name });
    }
  }

  return (
    <div className="conversation-tags">
      <ul className="tag-chips" aria-label="Tags">
        {tags.map((tag) => (
          <li key={tag.id} className="tag-chip">
            <span>{tag.name}</span>
            {disabled ? null : (
              <button type="button" className="chip-remove" aria-label={`Remove tag ${tag.name}`} onClick={() => onRemove(tag)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {disabled ? null : (
        <Popover label="Add tag" trigger={<span>+ Tag</span>} triggerClassName="link-button tag-add" title="Add a tag" open={open} onOpenChange={onOpenChange}>
          <div className="stack-tight">
            <label htmlFor={`tag-search-${conversationId}`} className="visually-hidden">
              Tag name
            </label>
            <input
              id={`tag-search-${conversationId}`}
              type="search"
              className="popover-search"
              placeholder="Find or create a tag"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={onKeyDown}
              maxLength={100}
            />
            {all.error ? <ErrorAlert message={all.error} /> : null}
            <ul className="popover-list" aria-label="Existing tags">
              {available.slice(0, 20).map((tag) => (
                <li key={tag.id}>
                  <button type="button" className="popover-item" onClick={() => void add({ tag_id: tag.id })}>
                    {tag.name}
                  </button>
                </li>
              ))}
            </ul>
            {name && !exact ? (
              <button type="button" className="popover-item popover-create" onClick={() => void add({ name })}>
                Create tag “{name}”
              </button>
            ) : null}
            {!name && all.items && available.length === 0 ? <p className="muted small popover-empty">Type a name to create a tag.</p> : null}
          </div>
        </Popover>
      )}
    </div>
  );
}
