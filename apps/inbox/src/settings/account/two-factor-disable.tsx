import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../ui/alerts.tsx';
import { Field } from '../../ui/field.tsx';
import { UsernameHint } from '../../ui/username-hint.tsx';

export function TwoFactorDisable({ onDisabled, onCancel }: { onDisabled: () => void; onCancel: () => void }) {
  const [password, setPassword] = useState('');
  const disable = useAction(() => api.post<void>('/account/two-factor/disable', { password }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await disable.run();
    if (outcome.ok) onDisabled();
  }

  return (
    <form className="stack form-narrow" onSubmit={submit}>
      <p>Confirm with your password. Your recovery codes stop working too.</p>
      <UsernameHint />
      <ErrorAlert message={disable.error} />
      <Field
        label="Your password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <div className="button-row">
        <button type="submit" className="button button-danger" disabled={disable.pending}>
          {disable.pending ? 'Turning off…' : 'Turn off two-factor'}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
