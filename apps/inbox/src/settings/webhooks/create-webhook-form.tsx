import type { Webhook } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { Field } from '../../ui/field.tsx';
import { TopicPicker } from './topic-picker.tsx';

export function CreateWebhookForm({ topics, onCreated }: { topics: string[]; onCreated: (webhook: Webhook) => void }) {
  const [url, setUrl] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const create = useAction(() => api.post<Webhook>('/webhooks', { url, topics: selected }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await create.run();
    if (!outcome.ok) return;
    setUrl('');
    setSelected([]);
    onCreated(outcome.value);
  }

  return (
    <form className="stack" onSubmit={submit}>
      <Field
        label="Endpoint URL"
        type="url"
        required
        autoComplete="off"
        placeholder="https://example.com/frontdesk/webhooks"
        hint="Public HTTPS endpoints only: private and local addresses are refused."
        value={url}
        onChange={(event) => setUrl(event.target.value)}
      />
      <TopicPicker topics={topics} selected={selected} onChange={setSelected} />
      <ErrorAlert message={create.error} />
      <div>
        <button type="submit" className="button button-primary" disabled={create.pending || selected.length === 0}>
          {create.pending ? 'Creating…' : 'Create webhook'}
        </button>
      </div>
    </form>
  );
}
