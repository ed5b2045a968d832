import type { ReactNode } from 'react';
import { describedBy, FieldError } from '../saved-replies/form-fields.tsx';
import { type ActionDraft, actionLabels, type MacroOptions, type SnoozeChoice } from './macro-drafts.ts';

interface SelectProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  children: ReactNode;
}

function Select({ id, label, value, onChange, error, children }: SelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(error && `${id}-error`)}
      >
        {children}
      </select>
      <FieldError id={id} message={error} />
    </div>
  );
}

const snoozeChoices: { value: SnoozeChoice; label: string }[] = [
  { value: 'later_today', label: 'Later today (3 hours, or 18:00 if sooner)' },
  { value: 'tomorrow', label: 'Tomorrow 09:00' },
  { value: 'next_week', label: 'Next Monday 09:00' },
  { value: 'hours', label: 'For a number of hours' },
];

interface ActionRowProps {
  draft: ActionDraft;
  position: number;
  count: number;
  options: MacroOptions;
  /** The control id for a field of this action (`tag_id`, `admin_id`…), so server errors can find it. */
  idFor: (field: string) => string;
  /** The refusal of this row (from the form's checks or the server), on the field it names. */
  error?: { field: string; message: string };
  onChange: (draft: ActionDraft) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}

/** One step of a macro: what it does, its settings, and buttons to reorder or remove it. */
export function ActionRow({ draft, position, count, options, idFor, error, onChange, onMove, onRemove }: ActionRowProps) {
  const errorOn = (field: string) => (error && (error.field === field || !['tag_id', 'admin_id', 'team_id', 'duration', 'hours'].includes(error.field)) ? error.message : undefined);
  const number = position + 1;
  const title = `${number}. ${actionLabels[draft.type]}`;
  return (
    <li className="action-row">
      <fieldset className="action-fieldset">
        <legend className="action-title">{title}</legend>
        <div className="action-controls">
          {draft.type === 'add_tag' ? (
            <Select id={idFor('tag_id')} label="Tag" value={draft.tagId} onChange={(tagId) => onChange({ ...draft, tagId })} error={errorOn('tag_id')}>
              <option value="">Choose a tag…</option>
              {options.tags.map((tag) => (
                <option key={tag.id} value={tag.id}>
                  {tag.name}
                </option>
              ))}
            </Select>
          ) : null}
          {draft.type === 'assign' ? (
            <>
              <Select id={idFor('admin_id')} label="Teammate" value={draft.admin} onChange={(admin) => onChange({ ...draft, admin })} error={errorOn('admin_id')}>
                <option value="keep">Leave as is</option>
                <option value="none">Unassigned</option>
                {options.teammates.map((teammate) => (
                  <option key={teammate.id} value={teammate.id}>
                    {teammate.name}
                  </option>
                ))}
              </Select>
              <Select id={idFor('team_id')} label="Team" value={draft.team} onChange={(team) => onChange({ ...draft, team })} error={errorOn('team_id')}>
                <option value="keep">Leave as is</option>
                <option value="none">No team</option>
                {options.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </Select>
            </>
          ) : null}
          {draft.type === 'set_priority' ? (
            <Select id={idFor('priority')} label="Priority" value={draft.priority ? 'yes' : 'no'} onChange={(value) => onChange({ ...draft, priority: value === 'yes' })}>
              <option value="yes">Mark as priority</option>
              <option value="no">Remove priority</option>
            </Select>
          ) : null}
          {draft.type === 'snooze' ? (
            <>
              <Select
                id={idFor('duration')}
                label="Snooze until"
                value={draft.snooze}
                onChange={(snooze) => onChange({ ...draft, snooze: snooze as SnoozeChoice })}
                error={draft.snooze === 'hours' ? undefined : errorOn('duration')}
              >
                {snoozeChoices.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </Select>
              {draft.snooze === 'hours' ? (
                <div className="field action-hours">
                  <label htmlFor={idFor('hours')}>Hours</label>
                  <input
                    id={idFor('hours')}
                    type="number"
                    min={1}
                    max={720}
                    step={1}
                    value={Number.isNaN(draft.hours) ? '' : draft.hours}
                    onChange={(event) => onChange({ ...draft, hours: event.target.valueAsNumber })}
                    aria-invalid={errorOn('duration') ? true : undefined}
                    aria-describedby={describedBy(errorOn('duration') && `${idFor('hours')}-error`)}
                  />
                  <FieldError id={idFor('hours')} message={errorOn('duration')} />
                </div>
              ) : null}
            </>
          ) : null}
          {draft.type === 'close' ? <p className="muted action-note">Closes the conversation.</p> : null}
        </div>
        <div className="button-row action-buttons">
          <button type="button" className="button button-small button-secondary" aria-label={`Move action ${number} up`} disabled={position === 0} onClick={() => onMove(-1)}>
            ↑
          </button>
          <button
            type="button"
            className="button button-small button-secondary"
            aria-label={`Move action ${number} down`}
            disabled={position === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button type="button" className="button button-small button-danger-outline" aria-label={`Remove action ${number} (${actionLabels[draft.type]})`} onClick={onRemove}>
            Remove
          </button>
        </div>
      </fieldset>
    </li>
  );
}
