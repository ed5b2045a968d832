import type { SearchResults } from '@frontdesk/api-types';
import { type KeyboardEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { useInbox } from '../inbox/inbox-context.tsx';
import { conversationPath, viewPath } from '../inbox/inbox-paths.ts';
import { Modal } from '../inbox/modal.tsx';
import { useCurrentViewId } from '../inbox/views-nav.tsx';
import { navigate } from '../router/router.tsx';
import { useShortcut } from '../shortcuts/shortcuts.tsx';
import { Loading } from '../ui/alerts.tsx';
import { parseSnippet } from './snippet.ts';
import { minimumQueryLength, useSearch } from './use-search.ts';
import './search.css';

interface Option {
  id: string;
  group: 'Go to' | 'Conversations' | 'Contacts' | 'Companies';
  label: string;
  detail?: string;
  snippet?: string;
  href: string;
}

/** Ctrl/Cmd-K: full-text search over conversations, contacts and companies, and a quick way to any inbox. */
export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useShortcut('mod+k', 'Search (command palette)', () => setOpen((was) => !was));
  if (!open) return null;
  return (
    <Modal title="Search" hideTitle onClose={() => setOpen(false)} className="command-palette">
      <PaletteBody onClose={() => setOpen(false)} />
    </Modal>
  );
}

function PaletteBody({ onClose }: { onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const search = useSearch(query);
  const { views } = useInbox();
  const currentView = useCurrentViewId() ?? 'all';
  const listId = useId();

  const options = useMemo<Option[]>(() => {
    const needle = query.trim().toLowerCase();
    const goTo: Option[] = (views ?? [])
      .filter((view) => !needle || view.name.toLowerCase().includes(needle))
      .slice(0, needle ? 3 : 8)
      .map((view) => ({ id: `view-${view.id}`, group: 'Go to', label: view.name, detail: view.count ? `${view.count}` : undefined, href: viewPath(view.id) }));
    const results = search.status === 'done' ? search.results : search.status === 'loading' ? search.previous : undefined;
    return [...(results ? resultOptions(results, currentView) : []), ...goTo];
  }, [views, query, search, currentView]);

  const active = options[Math.min(activeIndex, options.length - 1)];

  function choose(option: Option | undefined) {
    if (!option) return;
    onClose();
    navigate(option.href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((index) => (options.length ? (Math.min(index, options.length - 1) + step + options.length) % options.length : 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(active);
    }
  }

  const groups = (['Conversations', 'Contacts', 'Companies', 'Go to'] as const).map((group) => ({ group, options: options.filter((option) => option.group === group) }));
  const tooShort = query.trim().length > 0 && query.trim().length < minimumQueryLength;
  const nothing = search.status === 'done' && options.every((option) => option.group === 'Go to');

  return (
    <div className="palette">
      <input
        className="palette-input"
        type="search"
        role="combobox"
        aria-label="Search conversations, contacts and companies"
        aria-expanded={options.length > 0}
        aria-controls={listId}
        aria-activedescendant={active ? `${listId}-${active.id}` : undefined}
        aria-autocomplete="list"
        placeholder="Search conversations, contacts and companies…"
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActiveIndex(0);
        }}
        onKeyDown={onKeyDown}
        data-autofocus
      />
      <div className="palette-status" role="status" aria-live="polite">
        {search.status === 'loading' && !search.previous ? <Loading label="Searching…" /> : null}
        {search.status === 'error' ? <p className="alert alert-error">Search failed. {search.message}</p> : null}
        {tooShort ? <p className="muted small">Type at least {minimumQueryLength} characters to search.</p> : null}
        {nothing ? <p className="muted small">Nothing matches “{search.query}”.</p> : null}
      </div>
      <div id={listId} role="listbox" aria-label="Results" className="palette-results">
        {groups
          .filter((entry) => entry.options.length > 0)
          .map((entry) => (
            // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox (ARIA combobox pattern), not a form fieldset.
            <div key={entry.group} role="group" aria-labelledby={`${listId}-${entry.group}`} className="palette-group">
              <p className="palette-group-title" id={`${listId}-${entry.group}`} role="presentation">
                {entry.group}
              </p>
              {entry.options.map((option) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the search field handles the keys (combobox pattern).
                <div
                  key={option.id}
                  id={`${listId}-${option.id}`}
                  role="option"
                  tabIndex={-1}
                  aria-selected={option === active}
                  className={`palette-option${option === active ? ' is-active' : ''}`}
                  onMouseMove={() => setActiveIndex(options.indexOf(option))}
                  onClick={() => choose(option)}
                >
                  <span className="palette-option-label">{option.label}</span>
                  {option.detail ? <span className="palette-option-detail">{option.detail}</span> : null}
                  {option.snippet ? <Snippet html={option.snippet} /> : null}
                </div>
              ))}
            </div>
          ))}
      </div>
      <div className="palette-hint muted small">
        <span>
          <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
        </span>
        <button type="button" className="link-button small" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

function resultOptions(results: SearchResults, viewId: string): Option[] {
  return [
    ...results.conversations.map<Option>((conversation) => ({
      id: `conversation-${conversation.id}`,
      group: 'Conversations',
      label: conversation.contact?.name || conversation.contact?.email || conversation.title || `Conversation ${conversation.id}`,
      detail: conversation.state,
      snippet: conversation.snippet,
      href: conversationPath(viewId, conversation.id),
    })),
    ...results.contacts.map<Option>((contact) => ({
      id: `contact-${contact.id}`,
      group: 'Contacts',
      label: contact.name || contact.email || 'Unnamed contact',
      detail: contact.role === 'lead' ? 'Lead' : 'User',
      snippet: contact.snippet,
      href: `/contacts/${encodeURIComponent(contact.id)}`,
    })),
    ...results.companies.map<Option>((company) => ({
      id: `company-${company.id}`,
      group: 'Companies',
      label: company.name,
      snippet: company.snippet,
      href: `/companies/${encodeURIComponent(company.id)}`,
    })),
  ];
}

/** A snippet as text with its matches highlighted: only text and <mark> ever reach the page. */
export function Snippet({ html }: { html: string }) {
  const pieces: ReactNode[] = parseSnippet(html).map((piece, index) =>
    // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one snippet never reorder.
    piece.match ? <mark key={index}>{piece.text}</mark> : <span key={index}>{piece.text}</span>,
  );
  return <span className="palette-snippet">{pieces}</span>;
}
