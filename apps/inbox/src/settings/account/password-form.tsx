import { type FormEvent, useState } from 'react';
import { api } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert, SuccessNotice } from '../../ui/alerts.tsx';
import { Field } from '../../ui/field.tsx';
import { UsernameHint } from '../../ui/username-hint.tsx';
import { Panel } from '../settings-page.tsx';

export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [changed, setChanged] = useState(false);
  const change = useAction(() =>
    api.post<void>('/account/password', { current_password: current, new_password: next }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setChanged(false);
    const outcome = await change.run();
    if (!outcome.ok) return;
    setCurrent('');
    setNext('');
    setChanged(true);
  }

  return (
    <Panel title="Password" id="password-title">
      <form className="stack form-narrow" onSubmit={submit}>
        <UsernameHint />
        <ErrorAlert message={change.error} />
        {changed ? (
          <SuccessNotice>Password changed. Your other sessions were signed out; this one stays signed in.</SuccessNotice>
        ) : null}
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters. Changing it signs you out everywhere else."
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <div>
          <button type="submit" className="button button-primary" disabled={change.pending}>
            {change.pending ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </Panel>
  );
}
