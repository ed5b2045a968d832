import type { ConversationSort, ConversationState, InboxView } from '@frontdesk/api-types';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ConversationPane } from '../conversation/conversation-pane.tsx';
import { navigate } from '../router/router.tsx';
import { useShortcut } from '../shortcuts/shortcuts.tsx';
import { EmptyState, Loading } from '../ui/alerts.tsx';
import { useDocumentTitle } from '../ui/document-title.ts';
import { ConversationListPane } from './conversation-list.tsx';
import { useInbox, useMyId } from './inbox-context.tsx';
import { conversationPath, viewPath } from './inbox-paths.ts';
import { SaveViewDialog } from './save-view-dialog.tsx';
import { useConversationList } from './use-conversation-list.ts';
import { filtersOf } from './view-rule.ts';

const sortKey = 'frontdesk:inbox-sort';
const sorts: ConversationSort[] = ['newest', 'oldest', 'waiting_longest', 'priority'];

/** A view named in the address before the list of views has loaded: enough to start reading it. */
function provisionalView(id: string): InboxView {
  const builtIn: Record<string, Pick<InboxView, 'name' | 'kind'>> = {
    mine: { name: 'Your inbox', kind: 'mine' },
    mentions: { name: 'Mentions', kind: 'mentions' },
    unassigned: { name: 'Unassigned', kind: 'unassigned' },
    all: { name: 'All', kind: 'all' },
  };
  const known = builtIn[id];
  if (known) return { id, count: 0, ...known };
  return { id, count: 0, name: 'Inbox', kind: id.startsWith('team:') ? 'team' : 'saved' };
}

function storedSort(): ConversationSort {
  try {
    const value = window.localStorage.getItem(sortKey) as ConversationSort | null;
    return value && sorts.includes(value) ? value : 'newest';
  } catch {
    return 'newest';
  }
}

/** `/`, `/inbox/:view` and `/inbox/:view/:conversationId`: the views' list beside the open conversation. */
export function InboxWorkspace({ viewId: routeViewId, conversationId }: { viewId?: string; conversationId?: string }) {
  const { views, viewsError, defaultViewId } = useInbox();
  const viewId = routeViewId ?? defaultViewId;

  if (!viewId) {
    return (
      <div className="inbox-workspace inbox-workspace-message">
        {viewsError ? <EmptyState title="The Inbox could not be loaded">{viewsError}</EmptyState> : <Loading label="Loading the Inbox…" />}
      </div>
    );
  }
  // A view missing from the list (just saved, or not yet loaded) is read anyway: the list says if it is gone.
  const view = views?.find((candidate) => candidate.id === viewId) ?? provisionalView(viewId);
  return <Workspace key={viewId} view={view} conversationId={conversationId} />;
}

function Workspace({ view, conversationId }: { view: InboxView; conversationId: string | undefined }) {
  const me = useMyId();
  const { streamReady, reloadViews } = useInbox();
  const [tab, setTab] = useState<ConversationState>('open');
  const [sort, setSortState] = useState<ConversationSort>(storedSort);
  const [activeId, setActiveId] = useState<string | undefined>(conversationId);
  const [saving, setSaving] = useState(false);
  useDocumentTitle(view.name);

  const setSort = useCallback((next: ConversationSort) => {
    setSortState(next);
    try {
      window.localStorage.setItem(sortKey, next);
    } catch {
      // Not remembered: the sort still applies to this visit.
    }
  }, []);

  const context = useMemo(() => ({ view, tab, sort, me }), [view, tab, sort, me]);
  const list = useConversationList(context, streamReady);
  const rows = list.state?.rows ?? [];

  useEffect(() => {
    if (conversationId) setActiveId(conversationId);
  }, [conversationId]);

  // A saved view about one state opens on that tab (known once the views have loaded).
  const viewState = view.filters?.state;
  useEffect(() => {
    if (viewState) setTab(viewState);
  }, [viewState]);

  const open = useCallback((id: string) => navigate(conversationPath(view.id, id)), [view.id]);
  const close = useCallback(() => navigate(viewPath(view.id)), [view.id]);

  const move = (step: 1 | -1) => {
    if (rows.length === 0) return;
    const from = rows.findIndex((row) => row.id === (activeId ?? conversationId));
    const index = from < 0 ? (step === 1 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, from + step));
    const target = rows[index];
    if (!target) return;
    setActiveId(target.id);
    if (conversationId) open(target.id);
    else document.querySelector<HTMLElement>(`.conversation-rows [data-conversation-id="${CSS.escape(target.id)}"]`)?.focus();
  };
  const openActive = () => {
    const focused = document.activeElement;
    // Enter on a button or a field means that control, not the list.
    if (focused instanceof HTMLElement && focused !== document.body && !focused.closest('.conversation-rows')) return false;
    const target = activeId ?? rows[0]?.id;
    if (target) open(target);
  };

  useShortcut('j', 'Next conversation', () => move(1));
  useShortcut('k', 'Previous conversation', () => move(-1));
  useShortcut('o', 'Open the selected conversation', () => void openActive());
  useShortcut('enter', 'Open the selected conversation', openActive);
  useShortcut('escape', 'Back to the list', close, Boolean(conversationId));
  useShortcut('g i', 'Go to Your inbox', () => navigate(viewPath('mine')));
  useShortcut('g u', 'Go to Unassigned', () => navigate(viewPath('unassigned')));
  useShortcut('g a', 'Go to All', () => navigate(viewPath('all')));

  const currentFilters = filtersOf(view);
  return (
    <div className={`inbox-workspace${conversationId ? ' has-conversation' : ''}`}>
      <ConversationListPane
        view={view}
        tab={tab}
        onTab={setTab}
        sort={sort}
        onSort={setSort}
        list={list}
        selectedId={conversationId}
        activeId={activeId}
        onActive={setActiveId}
        onSaveView={() => setSaving(true)}
      />
      <div className="conversation-column">
        {conversationId ? (
          <ConversationPane key={conversationId} conversationId={conversationId} onClose={close} />
        ) : (
          <div className="conversation-placeholder">
            <EmptyState title="No conversation selected">
              Pick one in the list, or press J and K to move and Enter to open. Press ? for every shortcut.
            </EmptyState>
          </div>
        )}
      </div>
      {saving ? (
        <SaveViewDialog
          initial={{ ...(currentFilters === 'mentions' ? {} : currentFilters), state: tab }}
          onClose={() => setSaving(false)}
          onSaved={(saved) => {
            setSaving(false);
            reloadViews({ now: true });
            navigate(viewPath(saved.id));
          }}
        />
      ) : null}
    </div>
  );
}
