import type { ReactNode } from 'react';
import { useDocumentTitle } from '../ui/document-title.ts';

/** The centred card used by every page a visitor sees before having a session. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <main className="auth-page">
      <div className="auth-brand" aria-hidden="true">
        <span className="brand-mark">F</span> Frontdesk
      </div>
      <section className="auth-card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        {subtitle ? <p className="muted auth-subtitle">{subtitle}</p> : null}
        {children}
      </section>
    </main>
  );
}
