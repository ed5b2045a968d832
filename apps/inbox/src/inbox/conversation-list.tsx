import type { ConversationSort, ConversationState, InboxView } from '@frontdesk/api-types';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { EmptyState, ErrorAlert, Loading } from '../ui/alerts.tsx';
import { ConversationRow } from './conversation-row.tsx';
import { sortLabels } from './conversation-order.ts';
import { conversationPath } from './inbox-paths.ts';
import type { ConversationList } from './use-conversation-list.ts';

const tabs: { state: ConversationState; label: string }[] = [
  { state: 'open', label: 'Open' },
  { state: 'snoozed', label: 'Snoozed' },
  { state: 'closed', label: 'Closed' },
];

interface ConversationListPaneProps {
  view: Pick<InboxView, 'id' | 'name' | 'kind'>;
  tab: ConversationState;
  onTab: (tab: ConversationState) => void;
  sort: ConversationSort;
  onSort: (sort: ConversationSort) => void;
  list: ConversationList;
  selectedId: string | undefined;
  activeId: string | undefined;
  onActive: (id: string) => void;
  onSaveView: () => void;
}

/** The middle column: the view's name and total, state tabs, sort, and the rows with paging. */
export function ConversationListPane({ view, tab, onTab, sort, onSort, list, selectedId, activeId, onActive, onSaveView }: ConversationListPaneProps) {
  const now = useMinuteClock();
  const rows = list.state?.rows ?? [];
  const total = list.state?.total;

  function onTabKey(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    onTab(next.state);
    document.getElementById(`state-tab-${next.state}`)?.focus();
  }

  return (
    <section className="conversation-list-column" aria-labelledby="conversation-list-title">
      <header className="conversation-list-header">
        <div className="conversation-list-heading">
          <h1 id="conversation-list-title">{view.name}</h1>
          <p className="muted small" aria-live="polite">
            {total === undefined ? '\u00a0' : `${total} ${tab} conversation${total === 1 ? '' : 's'}`}
          </p>
        </div>
        <button type="button" className="button button-secondary button-small" onClick={onSaveView}>
          Save as view
        </button>
      </header>
      <div className="conversation-list-controls">
        <div role="tablist" aria-label="Conversation state" className="state-tabs">
          {tabs.map((item, index) => (
            <button
              key={item.state}
              id={`state-tab-${item.state}`}
              type="button"
              role="tab"
              aria-selected={tab === item.state}
              aria-controls="conversation-list-panel"
              tabIndex={tab === item.state ? 0 : -1}
              className="state-tab"
              onClick={() => onTab(item.state)}
              onKeyDown={(event) => onTabKey(event, index)}
            >
              {item.label}
            </button>
          ))}
        </div>
        <label className="sort-select">
          <span className="visually-hidden">Sort conversations</span>
          <select value={sort} onChange={(event) => onSort(event.target.value as ConversationSort)}>
            {(Object.keys(sortLabels) as ConversationSort[]).map((key) => (
              <option key={key} value={key}>
                {sortLabels[key]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div id="conversation-list-panel" role="tabpanel" aria-labelledby={`state-tab-${tab}`} className="conversation-list-scroll">
        {list.loading && !list.state ? (
          <Loading label="Loading conversations…" />
        ) : list.error && !list.state ? (
          <div className="list-error">
            <ErrorAlert message={`Conversations could not be loaded. ${list.error}`} />
            <button type="button" className="button button-secondary button-small" onClick={list.reload}>
              Try again
            </button>
          </div>
        ) : rows.length === 0 ? (
          <EmptyState title={`No ${tab} conversations`}>{emptyHint(view.kind, tab)}</EmptyState>
        ) : (
          <>
            <ul className="conversation-rows" aria-label={`${view.name}, ${tab} conversations`}>
              {rows.map((conversation) => (
                <ConversationRow
                  key={conversation.id}
                  conversation={conversation}
                  href={conversationPath(view.id, conversation.id)}
                  selected={conversation.id === selectedId}
                  active={conversation.id === activeId}
                  now={now}
                  onFocus={() => onActive(conversation.id)}
                />
              ))}
            </ul>
            <MorePages list={list} />
          </>
        )}
      </div>
    </section>
  );
}

function emptyHint(kind: InboxView['kind'], tab: ConversationState): string {
  if (tab !== 'open') return `Nothing is ${tab} here.`;
  switch (kind) {
    case 'mine':
      return 'Conversations assigned to you show up here.';
    case 'mentions':
      return 'Notes that mention you show up here.';
    case 'unassigned':
      return 'New conversations from the Messenger arrive here as they come in.';
    default:
      return 'New conversations appear here as they arrive.';
  }
}

/** "Load more", also pressed for the teammate when the end of the list scrolls into view. */
function MorePages({ list }: { list: ConversationList }) {
  const sentinel = useRef<HTMLDivElement>(null);
  const { loadMore, loadingMore, moreError } = list;
  const hasMore = Boolean(list.state?.next);
  const loaded = list.state?.rows.length ?? 0;

  // Observed again after each page, so a short page that leaves the end in view loads the next one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded is the re-observe trigger.
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore || moreError || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadMore();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, moreError, loadMore, loaded]);

  if (!hasMore) return null;
  return (
    <div className="list-more" ref={sentinel}>
      <ErrorAlert message={moreError} />
      <button type="button" className="button button-secondary button-small" onClick={loadMore} disabled={loadingMore}>
        {loadingMore ? 'Loading…' : 'Load more'}
      </button>
    </div>
  );
}

/** The current time, moving once a minute (for "5m ago" labels). */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}
