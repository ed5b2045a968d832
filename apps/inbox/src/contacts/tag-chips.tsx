import type { TagSummary } from '@frontdesk/api-types';

/** Tags as small chips; an empty list shows nothing (or the fallback). */
export function TagChips({ tags, fallback }: { tags: TagSummary[]; fallback?: string }) {
  if (tags.length === 0) return fallback ? <span className="muted">{fallback}</span> : null;
  return (
    <ul className="people-chips" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag.id} className="people-chip">
          {tag.name}
        </li>
      ))}
    </ul>
  );
}
