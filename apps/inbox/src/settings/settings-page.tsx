import type { ReactNode } from 'react';
import { useDocumentTitle } from '../ui/document-title.ts';

/** Heading and intro shared by every settings page. */
export function SettingsPage({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  useDocumentTitle(`${title} · Settings`);
  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Settings</p>
        <h1>{title}</h1>
        <p className="muted">{description}</p>
      </header>
      {children}
    </>
  );
}

export function Panel({ title, id, children, actions }: { title: string; id: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={id}>
      <div className="panel-header">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      <div className="panel-body">{children}</div>
    </section>
  );
}
