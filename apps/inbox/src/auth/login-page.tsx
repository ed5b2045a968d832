import type { Session, TwoFactorRequired } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { Link, navigate } from '../router/router.tsx';
import { useSessionContext } from '../session/session-context.tsx';
import { ErrorAlert } from '../ui/alerts.tsx';
import { Field } from '../ui/field.tsx';
import { AuthLayout } from './auth-layout.tsx';
import { TwoFactorStep } from './two-factor-step.tsx';

export function LoginPage() {
  const { signIn } = useSessionContext();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [needsSecondFactor, setNeedsSecondFactor] = useState(false);
  const login = useAction(() => api.post<Session | TwoFactorRequired>('/login', { email, password }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await login.run();
    if (!outcome.ok) return;
    if (outcome.value.type === 'two_factor_required') {
      setNeedsSecondFactor(true);
      return;
    }
    signIn(outcome.value);
    navigate('/');
  }

  if (needsSecondFactor) {
    return (
      <TwoFactorStep
        onCancel={() => {
          setNeedsSecondFactor(false);
          setPassword('');
        }}
      />
    );
  }

  return (
    <AuthLayout title="Log in to Frontdesk">
      <form className="stack" onSubmit={submit}>
        <ErrorAlert message={login.error} />
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button button-primary button-block" disabled={login.pending}>
          {login.pending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="auth-footer">
        New to Frontdesk? <Link href="/signup">Create a workspace</Link>
      </p>
    </AuthLayout>
  );
}
