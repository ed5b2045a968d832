import type { TagSummary } from '@frontdesk/api-types';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { Panel } from '../settings/settings-page.tsx';
import { ErrorAlert } from '../ui/alerts.tsx';

interface Props {
  contactId: string;
  tags: TagSummary[];
  /** Every tag of the workspace, offered while typing. */
  known: TagSummary[];
  canEdit: boolean;
  onChange: (tags: TagSummary[]) => void;
}

/** The contact's tags: remove one, or add by name (a new name creates the tag). */
export function ContactTags({ contactId, tags, known, canEdit, onChange }: Props) {
  const id = useId();
  const [name, setName] = useState('');
  const path = `/contacts/${encodeURIComponent(contactId)}/tags`;
  const add = useAction((tagName: string) => {
    const existing = known.find((tag) => tag.name.toLowerCase() === tagName.toLowerCase());
    return api.post<TagSummary>(path, existing ? { tag_id: existing.id } : { name: tagName });
  });
  const remove = useAction((tagId: string) => api.delete(`${path}/${encodeURIComponent(tagId)}`));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const wanted = name.trim();
    if (!wanted) return;
    const outcome = await add.run(wanted);
    if (!outcome.ok) return;
    setName('');
    if (!tags.some((tag) => tag.id === outcome.value.id)) onChange([...tags, outcome.value]);
  }

  async function removeTag(tag: TagSummary) {
    const outcome = await remove.run(tag.id);
    if (outcome.ok) onChange(tags.filter((item) => item.id !== tag.id));
  }

  return (
    <Panel title="Tags" id="contact-tags-title">
      {tags.length === 0 ? <p className="muted">No tags yet.</p> : null}
      {tags.length > 0 ? (
        <ul className="people-chips" aria-label="Contact tags">
          {tags.map((tag) => (
            <li key={tag.id} className="people-chip">
              {tag.name}
              {canEdit ? (
                <button type="button" className="people-chip-remove" aria-label={`Remove tag ${tag.name}`} disabled={remove.pending} onClick={() => removeTag(tag)}>
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorAlert message={add.error ?? remove.error} />
      {canEdit ? (
        <form className="inline-form" onSubmit={submit}>
          <div className="field">
            <label htmlFor={id}>Add a tag</label>
            <input id={id} list={`${id}-known`} autoComplete="off" placeholder="Tag name" value={name} onChange={(event) => setName(event.target.value)} />
            <datalist id={`${id}-known`}>
              {known
                .filter((tag) => !tags.some((applied) => applied.id === tag.id))
                .map((tag) => (
                  <option key={tag.id} value={tag.name} />
                ))}
            </datalist>
          </div>
          <button type="submit" className="button button-secondary" disabled={add.pending || !name.trim()}>
            {add.pending ? 'Adding…' : 'Add tag'}
          </button>
        </form>
      ) : null}
    </Panel>
  );
}
