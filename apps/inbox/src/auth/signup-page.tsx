import type { Session } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { Link, navigate } from '../router/router.tsx';
import { useSessionContext } from '../session/session-context.tsx';
import { ErrorAlert } from '../ui/alerts.tsx';
import { Field } from '../ui/field.tsx';
import { AuthLayout } from './auth-layout.tsx';

export function SignupPage() {
  const { signIn } = useSessionContext();
  const [form, setForm] = useState({ name: '', email: '', password: '', workspace_name: '' });
  const signup = useAction(() => api.post<Session>('/signup', form));

  const update = (key: keyof typeof form) => (event: { target: { value: string } }) =>
    setForm((current) => ({ ...current, [key]: event.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await signup.run();
    if (!outcome.ok) return;
    signIn(outcome.value);
    navigate('/');
  }

  return (
    <AuthLayout title="Create your workspace" subtitle="You will be its owner and can invite your team next.">
      <form className="stack" onSubmit={submit}>
        <ErrorAlert message={signup.error} />
        <Field label="Your name" name="name" autoComplete="name" required value={form.name} onChange={update('name')} />
        <Field
          label="Work email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={form.email}
          onChange={update('email')}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={10}
          hint="At least 10 characters."
          value={form.password}
          onChange={update('password')}
        />
        <Field
          label="Workspace name"
          name="workspace_name"
          autoComplete="organization"
          required
          hint="Usually your company or product name."
          value={form.workspace_name}
          onChange={update('workspace_name')}
        />
        <button type="submit" className="button button-primary button-block" disabled={signup.pending}>
          {signup.pending ? 'Creating workspace…' : 'Create workspace'}
        </button>
      </form>
      <p className="auth-footer">
        Already have an account? <Link href="/">Log in</Link>
      </p>
    </AuthLayout>
  );
}
