import { useState } from 'react';

/** A destructive action asked twice: the first click reveals "Confirm" and "Cancel". */
export function ConfirmButton({
  label,
  confirmLabel,
  accessibleName,
  pending,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  /** Names the object, e.g. "Delete tag VIP". */
  accessibleName: string;
  pending: boolean;
  /** Answers false to keep asking (the action failed). */
  onConfirm: () => Promise<boolean>;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="button button-small button-danger-outline" aria-label={accessibleName} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="button-row">
      <button
        type="button"
        className="button button-small button-danger"
        disabled={pending}
        onClick={async () => {
          if (await onConfirm()) setAsking(false);
        }}
      >
        {pending ? 'Working…' : confirmLabel}
      </button>
      <button type="button" className="button button-small button-secondary" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
