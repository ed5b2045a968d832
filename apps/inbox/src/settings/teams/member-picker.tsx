import type { Teammate } from '@frontdesk/api-types';

/** Checkboxes of the workspace's teammates, grouped under a legend that names the team. */
export function MemberPicker({ legend, teammates, selected, onChange }: { legend: string; teammates: Teammate[]; selected: string[]; onChange: (ids: string[]) => void }) {
  if (teammates.length === 0) return <p className="muted small">No teammates to add yet.</p>;
  return (
    <fieldset className="people-member-picker">
      <legend>{legend}</legend>
      <div className="people-member-options">
        {teammates.map((teammate) => (
          <label key={teammate.id} className="people-checkbox-label">
            <input
              type="checkbox"
              checked={selected.includes(teammate.id)}
              onChange={(event) => onChange(event.target.checked ? [...selected, teammate.id] : selected.filter((id) => id !== teammate.id))}
            />
            <span>
              {teammate.name} <span className="muted small">{teammate.email}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
