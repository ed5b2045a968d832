import type { OfficeHours } from '@frontdesk/api-types';
import { useMemo } from 'react';
import { FieldErrorText, useFieldError } from './field-errors.tsx';

const field = 'customization.office_hours';
/** Monday first, as most teams plan their week; `day` keeps the API's 0 = Sunday. */
const week = [1, 2, 3, 4, 5, 6, 0];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function defaultOfficeHours(): OfficeHours {
  return {
    timezone: browserTimeZone(),
    intervals: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })),
  };
}

function useTimeZones(current: string): string[] {
  return useMemo(() => {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes(current) ? zones : [current, ...zones];
  }, [current]);
}

export function OfficeHoursField({ value, onChange }: { value: OfficeHours | null; onChange: (value: OfficeHours | null) => void }) {
  const { id, errorId, error } = useFieldError(field);
  return (
    <fieldset className="field" id={id} tabIndex={-1} aria-describedby={error ? errorId : undefined}>
      <legend>Office hours</legend>
      <span className="toggle">
        <input
          id={`${id}-enabled`}
          type="checkbox"
          checked={value !== null}
          onChange={(event) => onChange(event.target.checked ? defaultOfficeHours() : null)}
        />
        <label htmlFor={`${id}-enabled`}>Set office hours</label>
      </span>
      {value ? <OfficeHoursEditor value={value} onChange={onChange} /> : <p className="field-hint">Without office hours, the Home screen always shows the reply time.</p>}
      <FieldErrorText field={field} label="Office hours" />
    </fieldset>
  );
}

function OfficeHoursEditor({ value, onChange }: { value: OfficeHours; onChange: (value: OfficeHours) => void }) {
  const timezone = useFieldError(`${field}.timezone`);
  const zones = useTimeZones(value.timezone);
  const intervals = value.intervals;

  const setIntervals = (next: OfficeHours['intervals']) => onChange({ ...value, intervals: next });
  const setInterval = (index: number, patch: Partial<{ start: string; end: string }>) =>
    setIntervals(intervals.map((interval, at) => (at === index ? { ...interval, ...patch } : interval)));

  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={timezone.id}>Time zone</label>
        <select
          id={timezone.id}
          value={value.timezone}
          onChange={(event) => onChange({ ...value, timezone: event.target.value })}
          aria-invalid={timezone.error ? true : undefined}
          aria-describedby={timezone.error ? timezone.errorId : undefined}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
        <FieldErrorText field={`${field}.timezone`} label="Time zone" />
      </div>
      <ul className="office-hours">
        {week.map((day) => {
          const name = dayNames[day] ?? '';
          // Keep each interval's index in the API array: server errors name it (…intervals.3.start).
          const ofDay = intervals.flatMap((interval, index) => (interval.day === day ? [{ interval, index }] : []));
          return (
            <li key={day} className="office-day">
              <span className="office-day-name">{name}</span>
              <div className="office-day-hours">
                {ofDay.length === 0 ? <span className="muted">Closed</span> : null}
                {ofDay.map(({ interval, index }, nth) => {
                  const suffix = nth > 0 ? ` (hours ${nth + 1})` : '';
                  return (
                    <div key={index} className="office-interval">
                      <span className="office-interval-times">
                        <TimeInput field={`${field}.intervals.${index}.start`} label={`${name} opens${suffix}`} value={interval.start} onChange={(start) => setInterval(index, { start })} />
                        <span aria-hidden="true">–</span>
                        <TimeInput field={`${field}.intervals.${index}.end`} label={`${name} closes${suffix}`} value={interval.end} onChange={(end) => setInterval(index, { end })} />
                        <button
                          type="button"
                          className="button button-small button-secondary"
                          aria-label={`Remove ${name} hours${suffix}`}
                          onClick={() => setIntervals(intervals.filter((_, at) => at !== index))}
                        >
                          Remove
                        </button>
                      </span>
                      <FieldErrorText field={`${field}.intervals.${index}.start`} label={`${name} opening time`} />
                      <FieldErrorText field={`${field}.intervals.${index}.end`} label={`${name} closing time`} />
                    </div>
                  );
                })}
                <button
                  type="button"
                  className="link-button small"
                  aria-label={`Add hours on ${name}`}
                  onClick={() => setIntervals([...intervals, { day, start: '09:00', end: '17:00' }])}
                >
                  Add hours
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function TimeInput({ field: path, label, value, onChange }: { field: string; label: string; value: string; onChange: (value: string) => void }) {
  const { id, errorId, error } = useFieldError(path);
  return (
    <input
      id={id}
      type="time"
      aria-label={label}
      value={value}
      required
      onChange={(event) => onChange(event.target.value)}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    />
  );
}
