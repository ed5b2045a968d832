import type { Teammate, TeammateList } from '@frontdesk/api-types';
import type { ApiGet } from '../../api/use-api-get.ts';
import { ErrorAlert, Loading } from '../../ui/alerts.tsx';
import { FieldErrorText, useFieldError } from './field-errors.tsx';

const field = 'customization.team_avatar_teammate_ids';
const label = 'Teammates shown on the Home screen';

/** Which teammates' avatars the Home space shows; none ticked means the first few. */
export function TeamAvatarsField({
  teammates,
  value,
  onChange,
}: {
  teammates: ApiGet<TeammateList>;
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { id, errorId, error } = useFieldError(field);

  function toggle(list: Teammate[], teammateId: string, checked: boolean) {
    const chosen = new Set(value);
    if (checked) chosen.add(teammateId);
    else chosen.delete(teammateId);
    // Keep the order of the teammates list so the preview and the Messenger agree.
    onChange(list.filter((teammate) => chosen.has(teammate.id)).map((teammate) => teammate.id));
  }

  return (
    <fieldset className="field" id={id} tabIndex={-1} aria-describedby={`${id}-hint${error ? ` ${errorId}` : ''}`}>
      <legend>{label}</legend>
      <p className="field-hint" id={`${id}-hint`}>
        Up to 10; the Home screen shows the first three. None ticked: the first few teammates.
      </p>
      {teammates.loading && !teammates.data ? <Loading label="Loading teammates…" /> : null}
      {teammates.error ? (
        <div className="stack">
          <ErrorAlert message={`Teammates could not be loaded: ${teammates.error}`} />
          <div>
            <button type="button" className="button button-secondary button-small" onClick={teammates.reload}>
              Try again
            </button>
          </div>
        </div>
      ) : null}
      {teammates.data && teammates.data.teammates.length === 0 ? <p className="muted">No teammates yet.</p> : null}
      {teammates.data && teammates.data.teammates.length > 0 ? (
        <ul className="checkbox-list">
          {teammates.data.teammates.map((teammate) => (
            <li key={teammate.id}>
              <label className="choice-option">
                <input
                  type="checkbox"
                  checked={value.includes(teammate.id)}
                  onChange={(event) => toggle(teammates.data?.teammates ?? [], teammate.id, event.target.checked)}
                />
                <span className="avatar avatar-small" aria-hidden="true">
                  {teammate.name.slice(0, 1).toUpperCase()}
                </span>
                {teammate.name}
              </label>
            </li>
          ))}
        </ul>
      ) : null}
      <FieldErrorText field={field} label={label} />
    </fieldset>
  );
}
