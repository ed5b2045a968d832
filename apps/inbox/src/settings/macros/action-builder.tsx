import { type ActionDraft, type ActionType, actionLabels, type MacroOptions, newDraft } from './macro-drafts.ts';
import { ActionRow } from './action-row.tsx';

export const maxActions = 20;

interface ActionBuilderProps {
  drafts: ActionDraft[];
  options: MacroOptions;
  onChange: (drafts: ActionDraft[]) => void;
  idFor: (index: number, field: string) => string;
  errorOf: (index: number) => { field: string; message: string } | undefined;
}

const addable: ActionType[] = ['add_tag', 'assign', 'set_priority', 'snooze', 'close'];

/** The macro's actions, run in this order after its reply. */
export function ActionBuilder({ drafts, options, onChange, idFor, errorOf }: ActionBuilderProps) {
  function move(index: number, offset: -1 | 1) {
    const next = [...drafts];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + offset, 0, moved);
    onChange(next);
  }

  return (
    <section className="action-builder" aria-labelledby="macro-actions-title">
      <h3 id="macro-actions-title">Actions</h3>
      <p className="field-hint">Applied in this order, after the reply.</p>
      {drafts.length === 0 ? <p className="muted">No actions yet.</p> : null}
      <ol className="action-list">
        {drafts.map((draft, index) => (
          <ActionRow
            key={draft.key}
            draft={draft}
            position={index}
            count={drafts.length}
            options={options}
            idFor={(field) => idFor(index, field)}
            error={errorOf(index)}
            onChange={(changed) => onChange(drafts.map((item) => (item.key === draft.key ? changed : item)))}
            onMove={(offset) => move(index, offset)}
            onRemove={() => onChange(drafts.filter((item) => item.key !== draft.key))}
          />
        ))}
      </ol>
      <fieldset className="button-row add-actions">
        <legend className="small muted">Add an action:</legend>
        {addable.map((type) => (
          <button
            key={type}
            type="button"
            className="button button-small button-secondary"
            aria-label={`Add ${actionLabels[type].toLowerCase()} action`}
            disabled={drafts.length >= maxActions}
            onClick={() => onChange([...drafts, newDraft(type)])}
          >
            + {actionLabels[type]}
          </button>
        ))}
      </fieldset>
    </section>
  );
}
