import { type FormEvent, useState } from 'react';
import { Popover } from '../popover.tsx';
import { fromLocalInput, shortTime, snoozeOptions, toLocalInput } from '../times.ts';

interface SnoozeMenuProps {
  conversationId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSnooze: (until: number) => void;
  disabled?: boolean;
}

/** Snooze until later today, tomorrow, next week, or a chosen date and time. */
export function SnoozeMenu({ conversationId, open, onOpenChange, onSnooze, disabled }: SnoozeMenuProps) {
  const [custom, setCustom] = useState('');
  const [problem, setProblem] = useState<string>();
  const options = open ? snoozeOptions() : [];
  const inputId = `snooze-custom-${conversationId}`;

  function choose(until: number) {
    onSnooze(until);
    onOpenChange(false);
  }

  function submitCustom(event: FormEvent) {
    event.preventDefault();
    const until = fromLocalInput(custom);
    if (until === null) return setProblem('Choose a date and time.');
    if (until * 1000 <= Date.now()) return setProblem('Choose a time in the future.');
    setProblem(undefined);
    choose(until);
  }

  return (
    <Popover label="Snooze" title="Snooze until" open={open} onOpenChange={onOpenChange} disabled={disabled}>
      <ul className="popover-list">
        {options.map((option) => (
          <li key={option.label}>
            <button type="button" className="popover-item popover-item-split" onClick={() => choose(option.until)}>
              <span>{option.label}</span>
              <span className="muted small">{shortTime(option.until)}</span>
            </button>
          </li>
        ))}
      </ul>
      <form className="snooze-custom" onSubmit={submitCustom}>
        <label htmlFor={inputId} className="small">
          Custom date and time
        </label>
        <input
          id={inputId}
          type="datetime-local"
          value={custom}
          min={toLocalInput(new Date())}
          onChange={(event) => setCustom(event.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${inputId}-problem` : undefined}
        />
        {problem ? (
          <p id={`${inputId}-problem`} className="field-error small" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" className="button button-secondary button-small">
          Snooze until then
        </button>
      </form>
    </Popover>
  );
}
