import type { ReactNode } from 'react';
import { Sidebar } from './sidebar.tsx';

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="app-shell">
      <Sidebar />
      <main className="content" id="content">
        {children}
      </main>
    </div>
  );
}
