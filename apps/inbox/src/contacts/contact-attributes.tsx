import type { ContactProfile, ContactUpdate, DataAttribute } from '@frontdesk/api-types';
import { type FormEvent, useId, useState } from 'react';
import { Panel } from '../settings/settings-page.tsx';
import { EmptyState, ErrorAlert } from '../ui/alerts.tsx';
import { AttributeInput } from './attribute-input.tsx';
import { type AttributeValue, formatValue, fromDraft, toDraft } from './attribute-values.ts';

type Save = (change: ContactUpdate) => Promise<string | undefined>;

/**
 * The contact's custom attributes. Declared ones (Settings → Data attributes) are edited by their
 * type and checked again by the server; values without a declaration are shown as they are.
 */
export function ContactAttributes({ contact, declared, canEdit, save }: { contact: ContactProfile; declared: DataAttribute[]; canEdit: boolean; save: Save }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const names = new Set(declared.map((attribute) => attribute.name));
  const undeclared = Object.entries(contact.custom_attributes).filter(([name]) => !names.has(name));
  const invalid = (attribute: DataAttribute) => fromDraft(attribute, drafts[attribute.name] ?? '') === undefined;

  function startEditing() {
    setDrafts(Object.fromEntries(declared.map((attribute) => [attribute.name, toDraft(attribute, contact.custom_attributes[attribute.name])])));
    setError(undefined);
    setEditing(true);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const changed: Record<string, AttributeValue> = {};
    for (const attribute of declared) {
      const value = fromDraft(attribute, drafts[attribute.name] ?? '');
      if (value === undefined) return setError(`“${attribute.label}” needs a valid ${attribute.data_type} value.`);
      const before = contact.custom_attributes[attribute.name] ?? null;
      if (value !== before) changed[attribute.name] = value;
    }
    if (Object.keys(changed).length === 0) return setEditing(false);
    setPending(true);
    const failure = await save({ custom_attributes: changed });
    setPending(false);
    if (failure) setError(failure);
    else setEditing(false);
  }

  const action =
    canEdit && !editing && declared.length > 0 ? (
      <button type="button" className="button button-small button-secondary" onClick={startEditing} aria-label="Edit attributes">
        Edit
      </button>
    ) : undefined;

  return (
    <Panel title="Attributes" id="contact-attributes-title" actions={action}>
      {editing ? (
        // The server checks values against their types: the form shows its own messages, not the browser's.
        <form className="stack" onSubmit={submit} noValidate>
          <div className="people-attribute-grid">
            {declared.map((attribute, index) => (
              <div className="field" key={attribute.name}>
                <label htmlFor={`${id}-${index}`}>{attribute.label}</label>
                <AttributeInput
                  id={`${id}-${index}`}
                  attribute={attribute}
                  value={drafts[attribute.name] ?? ''}
                  invalid={invalid(attribute)}
                  onChange={(value) => setDrafts({ ...drafts, [attribute.name]: value })}
                />
                {attribute.description ? <p className="field-hint">{attribute.description}</p> : null}
              </div>
            ))}
          </div>
          <ErrorAlert message={error} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={pending}>
              {pending ? 'Saving…' : 'Save attributes'}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : declared.length === 0 && undeclared.length === 0 ? (
        <EmptyState title="No custom attributes">Declare them in Settings → Data attributes to record plan, seats or anything else about people.</EmptyState>
      ) : (
        <dl className="people-facts">
          {declared.map((attribute) => (
            <div key={attribute.name} className="people-fact">
              <dt>{attribute.label}</dt>
              <dd data-testid={`attribute-${attribute.name}`}>{formatValue(attribute, contact.custom_attributes[attribute.name])}</dd>
            </div>
          ))}
          {undeclared.map(([name, value]) => (
            <div key={name} className="people-fact">
              <dt>
                {name} <span className="muted small">(not declared)</span>
              </dt>
              <dd>{formatValue(undefined, value)}</dd>
            </div>
          ))}
        </dl>
      )}
    </Panel>
  );
}
