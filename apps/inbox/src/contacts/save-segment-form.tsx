import type { ContactFilters, Segment } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { ErrorAlert } from '../ui/alerts.tsx';
import { Field } from '../ui/field.tsx';

/** Names the current filters and saves them as a segment (a segment cannot contain another). */
export function SaveSegmentForm({ filters, onSaved, onCancel }: { filters: ContactFilters; onSaved: (segment: Segment) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const save = useAction(() => api.post<Segment>('/segments', { name, filters }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await save.run();
    if (outcome.ok) onSaved(outcome.value);
  }

  return (
    <form className="callout stack" onSubmit={submit} aria-label="Save as segment">
      <div className="inline-form">
        <Field label="Segment name" required autoComplete="off" placeholder="e.g. Pro customers" value={name} onChange={(event) => setName(event.target.value)} />
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={save.pending}>
            {save.pending ? 'Saving…' : 'Save segment'}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
      <ErrorAlert message={save.error} />
    </form>
  );
}
