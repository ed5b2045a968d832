import type { ConversationDetail, Macro, MacroPreview } from '@frontdesk/api-types';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { macrosLookup, refreshLookup, useLookup } from '../lookups.ts';
import { Popover } from '../popover.tsx';
import { SafeHtml } from '../transcript/safe-html.tsx';

interface MacroPickerProps {
  conversationId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onApplied: (detail: ConversationDetail) => void;
}

/** Finds a macro, previews what it will do to this conversation, and applies it on "Apply". */
export function MacroPicker({ conversationId, open, onOpenChange, onApplied }: MacroPickerProps) {
  const macros = useLookup(macrosLookup, open);
  // Macros change in Settings while the Inbox stays open: read them again each time the picker opens.
  useEffect(() => {
    if (open) refreshLookup(macrosLookup);
  }, [open]);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Macro>();
  const preview = useAction((macro: Macro) => api.post<MacroPreview>(`/macros/${encodeURIComponent(macro.id)}/preview`, { conversation_id: conversationId }));
  const run = useAction((macro: Macro) => api.post<ConversationDetail>(`/macros/${encodeURIComponent(macro.id)}/run`, { conversation_id: conversationId }));
  const [shown, setShown] = useState<MacroPreview>();
  const applyButton = useRef<HTMLButtonElement>(null);

  // The list the teammate picked from is gone: take focus to the decision.
  useEffect(() => {
    if (shown) applyButton.current?.focus();
  }, [shown]);

  function change(next: boolean) {
    if (!next) {
      setChosen(undefined);
      setShown(undefined);
      setQuery('');
      preview.clearError();
      run.clearError();
    }
    onOpenChange(next);
  }

  async function choose(macro: Macro) {
    setChosen(macro);
    setShown(undefined);
    const outcome = await preview.run(macro);
    if (outcome.ok) setShown(outcome.value);
  }

  async function apply() {
    if (!chosen) return;
    const outcome = await run.run(chosen);
    if (!outcome.ok) return;
    onApplied(outcome.value);
    change(false);
  }

  const needle = query.trim().toLowerCase();
  const matching = (macros.items ?? []).filter((macro) => macro.name.toLowerCase().includes(needle));

  return (
    <Popover
      label="Macros"
      trigger={
        <>
          <span aria-hidden="true">⚡</span>
          <span className="tool-label"> Macros</span>
        </>
      }
      triggerClassName="composer-tool composer-tool-text"
      title="Macros"
      open={open}
      onOpenChange={change}
    >
      {chosen ? (
        <div className="macro-preview stack-tight">
          <p className="popover-heading">{chosen.name}</p>
          {preview.pending ? <Loading label="Preparing the preview…" /> : null}
          <ErrorAlert message={preview.error ?? run.error} />
          {shown ? (
            <section aria-label="Macro preview" className="stack-tight">
              {shown.body ? (
                <div className={`macro-preview-body${shown.note ? ' message-note' : ''}`}>
                  <p className="muted small">{shown.note ? 'Adds this note:' : 'Sends this reply:'}</p>
                  <SafeHtml html={shown.body} className="message-body" />
                </div>
              ) : null}
              {shown.actions.length ? (
                <>
                  <p className="muted small">Then:</p>
                  <ul className="macro-actions">
                    {shown.actions.map((action) => (
                      <li key={action}>{action}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {!shown.body && shown.actions.length === 0 ? <p className="muted">This macro does nothing yet.</p> : null}
            </section>
          ) : null}
          <div className="button-row">
            <button ref={applyButton} type="button" className="button button-primary button-small" onClick={apply} disabled={!shown || run.pending}>
              {run.pending ? 'Applying…' : 'Apply'}
            </button>
            <button type="button" className="button button-secondary button-small" onClick={() => setChosen(undefined)} disabled={run.pending}>
              Back
            </button>
          </div>
        </div>
      ) : (
        <div className="stack-tight">
          <label className="visually-hidden" htmlFor={`macro-search-${conversationId}`}>
            Find a macro
          </label>
          <input
            id={`macro-search-${conversationId}`}
            className="popover-search"
            type="search"
            placeholder="Find a macro"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              const first = matching[0];
              if (event.key === 'Enter' && first) {
                event.preventDefault();
                void choose(first);
              }
            }}
          />
          {macros.error ? (
            <div className="stack-tight">
              <ErrorAlert message={macros.error} />
              <button type="button" className="button button-secondary button-small" onClick={macros.retry}>
                Try again
              </button>
            </div>
          ) : !macros.items ? (
            <Loading label="Loading macros…" />
          ) : matching.length === 0 ? (
            <p className="muted small popover-empty">{macros.items.length ? 'No macro matches.' : 'No macros yet: create them in Settings → Macros.'}</p>
          ) : (
            <ul className="popover-list">
              {matching.map((macro) => (
                <li key={macro.id}>
                  <button type="button" className="popover-item" onClick={() => void choose(macro)}>
                    {macro.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Popover>
  );
}
