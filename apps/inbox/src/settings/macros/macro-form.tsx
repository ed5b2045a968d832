import type { Macro, MacroAction, MacroInput } from '@frontdesk/api-types';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { BodyField } from '../saved-replies/body-field.tsx';
import { InputField } from '../saved-replies/form-fields.tsx';
import { controlId, useSubmit } from '../saved-replies/form-submit.ts';
import { editableText } from '../saved-replies/reply-text.ts';
import { ActionBuilder } from './action-builder.tsx';
import { type ActionDraft, actionOf, draftOf, type MacroOptions } from './macro-drafts.ts';

const form = 'macro';
const actionId = (index: number, field: string) => controlId(form, `actions[${index}].${field}`);

interface RowError {
  index: number;
  field: string;
  message: string;
}

/** `actions[1].tag_id` (service checks) or `actions.1.tag_id` (schema checks) → the row and its field. */
function rowErrorOf(error: { field?: string; message: string } | undefined): RowError | undefined {
  const match = error?.field ? /^actions(?:\[(\d+)\]|\.(\d+))(?:\.([a-z_]+))?/.exec(error.field) : null;
  if (!error || !match) return undefined;
  return { index: Number(match[1] ?? match[2]), field: match[3] ?? '', message: error.message };
}

/** Creates a macro, or edits `existing`. */
export function MacroForm({
  existing,
  options,
  onSaved,
  onCancel,
}: {
  existing?: Macro;
  options: MacroOptions;
  onSaved: (macro: Macro) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState(existing?.name ?? '');
  const [body, setBody] = useState(existing?.body ? editableText(existing.body) : '');
  const [note, setNote] = useState(existing?.note ?? false);
  const [drafts, setDrafts] = useState<ActionDraft[]>(() => (existing?.actions ?? []).map(draftOf));
  const [incomplete, setIncomplete] = useState<RowError>();
  const save = useSubmit((input: MacroInput) =>
    existing ? api.put<Macro>(`/macros/${encodeURIComponent(existing.id)}`, input) : api.post<Macro>('/macros', input),
  );
  const rowError = incomplete ?? rowErrorOf(save.error);

  useEffect(() => {
    const first = document.getElementById(controlId(form, 'name'));
    first?.scrollIntoView({ block: 'center' });
    first?.focus();
  }, []);

  // Take the teammate to the control that was refused.
  useEffect(() => {
    if (rowError) {
      const target = document.getElementById(actionId(rowError.index, rowError.field)) ?? document.querySelectorAll<HTMLElement>('.action-row select, .action-row button')[0];
      target?.focus();
    } else if (save.error?.field === 'name' || save.error?.field === 'body') {
      document.getElementById(controlId(form, save.error.field))?.focus();
    }
  }, [rowError, save.error]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIncomplete(undefined);
    const actions: MacroAction[] = [];
    for (const [index, draft] of drafts.entries()) {
      const result = actionOf(draft);
      if ('problem' in result) return setIncomplete({ index, field: result.field, message: result.problem });
      actions.push(result.action);
    }
    const saved = await save.run({ name, body: body.trim() === '' ? null : body, note, actions });
    if (saved) onSaved(saved);
  }

  const actionsError = save.errorFor('actions');
  const shown = ['name', 'body', 'actions', ...(rowErrorOf(save.error) && save.error?.field ? [save.error.field] : [])];
  const title = existing ? `Edit “${existing.name}”` : 'New macro';
  return (
    <form className="stack reply-form" onSubmit={submit} aria-label={title} noValidate>
      <InputField
        id={controlId(form, 'name')}
        label="Name"
        value={name}
        onChange={setName}
        required
        maxLength={100}
        autoComplete="off"
        placeholder="e.g. Refund issued"
        error={save.errorFor('name')}
      />
      <BodyField
        id={controlId(form, 'body')}
        label="Reply (optional)"
        value={body}
        onChange={setBody}
        error={save.errorFor('body')}
        hint="Sent first when the macro runs. Plain text; a blank line starts a new paragraph."
      />
      <span className="macro-note-toggle">
        <input id={controlId(form, 'note')} type="checkbox" checked={note} onChange={(event) => setNote(event.target.checked)} />
        <label htmlFor={controlId(form, 'note')}>Send as an internal note (only teammates see it)</label>
      </span>
      <ActionBuilder
        drafts={drafts}
        options={options}
        onChange={(next) => {
          setIncomplete(undefined);
          setDrafts(next);
        }}
        idFor={actionId}
        errorOf={(index) => (rowError?.index === index ? rowError : undefined)}
      />
      {actionsError ? (
        <p className="field-error" role="alert">
          {actionsError}
        </p>
      ) : null}
      <ErrorAlert message={save.generalError(shown)} />
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.pending}>
          {save.pending ? 'Saving…' : existing ? 'Save changes' : 'Create macro'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel} disabled={save.pending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
