import type { InvitePreview, Session } from '@frontdesk/api-types';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { useAction } from '../api/use-action.ts';
import { useApiGet } from '../api/use-api-get.ts';
import { Link, navigate } from '../router/router.tsx';
import { useSessionContext } from '../session/session-context.tsx';
import { ErrorAlert, Loading } from '../ui/alerts.tsx';
import { Field } from '../ui/field.tsx';
import { AuthLayout } from './auth-layout.tsx';

export function InvitePage({ token }: { token: string }) {
  const path = `/invites/${encodeURIComponent(token)}`;
  const preview = useApiGet<InvitePreview>(path);

  if (preview.loading) {
    return (
      <AuthLayout title="Your invitation">
        <Loading label="Loading your invitation…" />
      </AuthLayout>
    );
  }
  if (!preview.data) {
    return (
      <AuthLayout title="This invitation can't be used">
        <ErrorAlert message={preview.error} />
        <p className="muted">Invitations expire and can be revoked. Ask a teammate to send you a new one.</p>
        <p className="auth-footer">
          <Link href="/">Go to log in</Link>
        </p>
      </AuthLayout>
    );
  }
  return <AcceptInviteForm path={path} invite={preview.data} />;
}

function AcceptInviteForm({ path, invite }: { path: string; invite: InvitePreview }) {
  const { signIn } = useSessionContext();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useAction(() =>
    api.post<Session>(`${path}/accept`, invite.existing_account ? { password } : { name, password }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const outcome = await accept.run();
    if (!outcome.ok) return;
    signIn(outcome.value);
    navigate('/', { replace: true });
  }

  const subtitle = (
    <>
      {invite.inviter_name} invited <strong>{invite.email}</strong>.{' '}
      {invite.existing_account
        ? 'You already have a Frontdesk account: confirm it with your password.'
        : 'Set up your account to join.'}
    </>
  );

  return (
    <AuthLayout title={`Join ${invite.workspace_name} on Frontdesk`} subtitle={subtitle}>
      <form className="stack" onSubmit={submit}>
        <ErrorAlert message={accept.error} />
        {invite.existing_account ? null : (
          <Field label="Your name" name="name" autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
        )}
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete={invite.existing_account ? 'current-password' : 'new-password'}
          required
          minLength={invite.existing_account ? undefined : 10}
          hint={invite.existing_account ? undefined : 'At least 10 characters.'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="button button-primary button-block" disabled={accept.pending}>
          {accept.pending ? 'Joining…' : 'Accept invite'}
        </button>
      </form>
    </AuthLayout>
  );
}
