import type { Macro, MacroList } from '@frontdesk/api-types';
import { useState } from 'react';
import { useApiGet } from '../../api/use-api-get.ts';
import { useSession } from '../../session/session-context.tsx';
import { EmptyState, ErrorAlert, Loading, SuccessNotice } from '../../ui/alerts.tsx';
import { Panel, SettingsPage } from '../settings-page.tsx';
import { MacroForm } from './macro-form.tsx';
import { MacroTable } from './macro-table.tsx';
import { useMacroOptions } from './use-macro-options.ts';
import '../saved-replies/saved-replies.css';
import './macros.css';

type Editing = { mode: 'new' } | { mode: 'edit'; macro: Macro } | undefined;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

function Retry({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div className="stack">
      <ErrorAlert message={message} />
      <div>
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}

export function MacrosPage() {
  const session = useSession();
  const canWrite = session.permissions.reply;
  const list = useApiGet<MacroList>('/macros');
  const choices = useMacroOptions();
  const [editing, setEditing] = useState<Editing>();
  const [notice, setNotice] = useState<string>();

  function saved(macro: Macro) {
    list.setData((current) => ({ macros: [...current.macros.filter((item) => item.id !== macro.id), macro].sort(byName) }));
    setNotice(editing?.mode === 'edit' ? `Saved “${macro.name}”.` : `Created “${macro.name}”.`);
    setEditing(undefined);
  }

  function start(next: Editing) {
    setNotice(undefined);
    setEditing(next);
  }

  const macros = list.data?.macros;
  return (
    <SettingsPage
      title="Macros"
      description="A reply and a set of actions — tag, assign, set priority, snooze, close — run together from the composer, with a preview before they apply."
    >
      {editing ? (
        <Panel title={editing.mode === 'edit' ? `Edit “${editing.macro.name}”` : 'New macro'} id="macro-editor-title">
          {choices.options ? (
            <MacroForm
              key={editing.mode === 'edit' ? editing.macro.id : 'new'}
              existing={editing.mode === 'edit' ? editing.macro : undefined}
              options={choices.options}
              onSaved={saved}
              onCancel={() => setEditing(undefined)}
            />
          ) : choices.error ? (
            <Retry message={`Could not load tags, teams and teammates: ${choices.error}`} onRetry={choices.reload} />
          ) : (
            <Loading label="Loading tags, teams and teammates…" />
          )}
        </Panel>
      ) : null}
      <Panel
        title="Macros"
        id="macros-title"
        actions={
          canWrite && !editing ? (
            <button type="button" className="button button-primary" onClick={() => start({ mode: 'new' })}>
              New macro
            </button>
          ) : null
        }
      >
        <div className="stack">
          {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
          {canWrite ? null : <p className="muted">You can run macros; your role doesn't allow creating or changing them.</p>}
          {list.loading && !list.data ? <Loading label="Loading macros…" /> : null}
          {list.error ? <Retry message={list.error} onRetry={list.reload} /> : null}
          {macros && macros.length === 0 ? (
            <EmptyState title="No macros yet">{canWrite ? 'Bundle a reply with the actions that usually follow it.' : null}</EmptyState>
          ) : null}
          {macros && macros.length > 0 ? (
            <MacroTable
              macros={macros}
              options={choices.options}
              canWrite={canWrite}
              onEdit={(macro) => start({ mode: 'edit', macro })}
              onDeleted={(id) => {
                list.setData((current) => ({ macros: current.macros.filter((macro) => macro.id !== id) }));
                if (editing?.mode === 'edit' && editing.macro.id === id) setEditing(undefined);
              }}
            />
          ) : null}
        </div>
      </Panel>
    </SettingsPage>
  );
}
