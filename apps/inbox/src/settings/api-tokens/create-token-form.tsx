import type { ApiToken } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { Field } from '../../ui/field.tsx';

export function CreateTokenForm({ onCreated }: { onCreated: (token: ApiToken) => void }) {
  const [name, setName] = useState('');
  const create = useAction(() => api.post<ApiToken>('/api-tokens', { name }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await create.run();
    if (!outcome.ok) return;
    setName('');
    onCreated(outcome.value);
  }

  return (
    <form className="stack" onSubmit={submit}>
      <div className="inline-form">
        <Field
          label="Token name"
          autoComplete="off"
          required
          placeholder="e.g. CRM sync"
          value={name}
          onChange={(event) => setName(event.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={create.pending}>
          {create.pending ? 'Creating…' : 'Create token'}
        </button>
      </div>
      <ErrorAlert message={create.error} />
    </form>
  );
}
