import type { ConversationState, InboxView, SavedViewInput, ViewFilters } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { tagsLookup, teammatesLookup, teamsLookup, useLookup } from '../conversation/lookups.ts';
import { ErrorAlert } from '../ui/alerts.tsx';
import { Modal } from './modal.tsx';

type Condition = NonNullable<ViewFilters['contact']>[number];
const operators: { value: Condition['operator']; label: string }[] = [
  { value: '=', label: 'is' },
  { value: '!=', label: 'is not' },
  { value: '~', label: 'contains' },
  { value: '^', label: 'starts with' },
];

interface SaveViewDialogProps {
  initial: ViewFilters;
  onClose: () => void;
  onSaved: (view: InboxView) => void;
}

/** Names the current filters (which the teammate may adjust) and saves them as a view for the workspace. */
export function SaveViewDialog({ initial, onClose, onSaved }: SaveViewDialogProps) {
  const [name, setName] = useState('');
  const [filters, setFilters] = useState<ViewFilters>(initial);
  const teammates = useLookup(teammatesLookup);
  const teams = useLookup(teamsLookup);
  const tags = useLookup(tagsLookup);
  const save = useAction((input: SavedViewInput) => api.post<InboxView>('/inbox/views', input));

  const set = <K extends keyof ViewFilters>(key: K, value: ViewFilters[K] | undefined) =>
    setFilters((current) => {
      const next = { ...current };
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
      return next;
    });
  const conditions = filters.contact ?? [];
  const setConditions = (next: Condition[]) => set('contact', next.length ? next : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const contact = conditions.filter((condition) => condition.field.trim() && condition.value.trim());
    const outcome = await save.run({ name: name.trim(), filters: { ...filters, ...(contact.length ? { contact } : { contact: undefined }) } });
    if (outcome.ok) onSaved(outcome.value);
  }

  const lookupError = teammates.error ?? teams.error ?? tags.error;
  return (
    <Modal title="Save as a view" onClose={onClose} className="save-view-dialog">
      <form className="stack" onSubmit={submit}>
        <div className="field">
          <label htmlFor="view-name">Name</label>
          <input id="view-name" required maxLength={100} value={name} onChange={(event) => setName(event.target.value)} data-autofocus />
        </div>
        <fieldset className="filter-grid">
          <legend>Conversations where</legend>
          <div className="field">
            <label htmlFor="filter-state">State</label>
            <select id="filter-state" value={filters.state ?? ''} onChange={(event) => set('state', (event.target.value || undefined) as ConversationState | undefined)}>
              <option value="">Any state (the tabs choose)</option>
              <option value="open">Open</option>
              <option value="snoozed">Snoozed</option>
              <option value="closed">Closed</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-assignee">Assigned to</label>
            <select id="filter-assignee" value={filters.admin_assignee_id ?? ''} onChange={(event) => set('admin_assignee_id', event.target.value)}>
              <option value="">Anyone or no one</option>
              <option value="me">Me (whoever looks)</option>
              <option value="none">No teammate</option>
              {(teammates.items ?? []).map((teammate) => (
                <option key={teammate.id} value={teammate.id}>
                  {teammate.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-team">Team</label>
            <select id="filter-team" value={filters.team_assignee_id ?? ''} onChange={(event) => set('team_assignee_id', event.target.value)}>
              <option value="">Any team or none</option>
              <option value="none">No team</option>
              {(teams.items ?? []).map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-tag">Tag</label>
            <select id="filter-tag" value={filters.tag_id ?? ''} onChange={(event) => set('tag_id', event.target.value)}>
              <option value="">Any tags</option>
              {(tags.items ?? []).map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {tag.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-priority">Priority</label>
            <select
              id="filter-priority"
              value={filters.priority === undefined ? '' : String(filters.priority)}
              onChange={(event) => set('priority', event.target.value === '' ? undefined : event.target.value === 'true')}
            >
              <option value="">Any</option>
              <option value="true">Priority only</option>
              <option value="false">Not priority</option>
            </select>
          </div>
        </fieldset>
        <fieldset className="contact-conditions">
          <legend>Contact attributes</legend>
          {conditions.map((condition, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no id; removing one re-keys the rest harmlessly.
            <div key={index} className="condition-row">
              <input
                aria-label={`Attribute ${index + 1}`}
                placeholder="email or custom_attributes.plan"
                value={condition.field}
                onChange={(event) => setConditions(conditions.map((c, i) => (i === index ? { ...c, field: event.target.value } : c)))}
              />
              <select
                aria-label={`Operator ${index + 1}`}
                value={condition.operator}
                onChange={(event) => setConditions(conditions.map((c, i) => (i === index ? { ...c, operator: event.target.value as Condition['operator'] } : c)))}
              >
                {operators.map((operator) => (
                  <option key={operator.value} value={operator.value}>
                    {operator.label}
                  </option>
                ))}
              </select>
              <input
                aria-label={`Value ${index + 1}`}
                value={condition.value}
                onChange={(event) => setConditions(conditions.map((c, i) => (i === index ? { ...c, value: event.target.value } : c)))}
              />
              <button type="button" className="button button-secondary button-small" aria-label={`Remove condition ${index + 1}`} onClick={() => setConditions(conditions.filter((_, i) => i !== index))}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="link-button small" onClick={() => setConditions([...conditions, { field: '', operator: '=', value: '' }])}>
            Add a contact condition
          </button>
        </fieldset>
        {lookupError ? <p className="small muted">Some choices could not be loaded: {lookupError}</p> : null}
        <ErrorAlert message={save.error} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={save.pending}>
            {save.pending ? 'Saving…' : 'Save view'}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}
