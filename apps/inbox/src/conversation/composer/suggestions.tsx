import type { SavedReply } from '@frontdesk/api-types';
import { useEffect } from 'react';
import { refreshLookup, type TeammateOption, savedRepliesLookup, teammatesLookup, useLookup } from '../lookups.ts';
import type { Trigger } from './trigger.ts';

export type Suggestion = { kind: 'mention'; teammate: TeammateOption } | { kind: 'saved_reply'; reply: SavedReply };

const maxShown = 8;

/** The suggestions for a trigger, loading the lists the first time one is asked for. */
export function useSuggestions(trigger: Trigger | null): { items: Suggestion[]; loading: boolean; error: string | undefined } {
  const teammates = useLookup(teammatesLookup, trigger?.kind === 'mention');
  const wantsReplies = trigger?.kind === 'saved_reply';
  const replies = useLookup(savedRepliesLookup, wantsReplies);
  // Saved replies change in Settings while the Inbox stays open: read them again whenever "#" starts a search.
  useEffect(() => {
    if (wantsReplies) refreshLookup(savedRepliesLookup);
  }, [wantsReplies]);
  if (!trigger) return { items: [], loading: false, error: undefined };
  const needle = trigger.query.toLowerCase();
  if (trigger.kind === 'mention') {
    const items = (teammates.items ?? [])
      .filter((t) => t.name.toLowerCase().split(/\s+/).some((word) => word.startsWith(needle)) || t.email.toLowerCase().startsWith(needle))
      .slice(0, maxShown)
      .map((teammate) => ({ kind: 'mention' as const, teammate }));
    return { items, loading: !teammates.items && !teammates.error, error: teammates.error };
  }
  const items = (replies.items ?? [])
    .filter((r) => (r.shortcut ?? '').toLowerCase().startsWith(needle) || r.name.toLowerCase().includes(needle))
    .slice(0, maxShown)
    .map((reply) => ({ kind: 'saved_reply' as const, reply }));
  return { items, loading: !replies.items && !replies.error, error: replies.error };
}

interface SuggestionListProps {
  id: string;
  trigger: Trigger;
  items: Suggestion[];
  loading: boolean;
  error: string | undefined;
  active: number;
  onPick: (item: Suggestion) => void;
}

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** The listbox under the composer; the textarea keeps focus and points at the active option. */
export function SuggestionList({ id, trigger, items, loading, error, active, onPick }: SuggestionListProps) {
  const label = trigger.kind === 'mention' ? 'Teammates to mention' : 'Saved replies';
  let message: string | null = null;
  if (error) message = error;
  else if (loading) message = 'Loading…';
  else if (items.length === 0) message = trigger.kind === 'mention' ? 'No teammate matches.' : 'No saved reply matches.';
  return (
    <div className="suggestions">
      {message ? (
        <p className="suggestions-message muted small" role="status">
          {message}
        </p>
      ) : null}
      <div id={id} role="listbox" aria-label={label} className="suggestions-list">
        {items.map((item, index) => (
          <div
            key={item.kind === 'mention' ? item.teammate.id : item.reply.id}
            id={optionId(id, index)}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            className="suggestion"
            // Keeps the textarea focused: the pick happens on click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onPick(item)}
            onKeyDown={() => {}}
          >
            {item.kind === 'mention' ? (
              <>
                <span className="suggestion-name">{item.teammate.name}</span> <span className="muted small">{item.teammate.email}</span>
              </>
            ) : (
              <>
                <span className="suggestion-name">{item.reply.name}</span>
                {item.reply.shortcut ? <span className="muted small"> #{item.reply.shortcut}</span> : null}
              </>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
