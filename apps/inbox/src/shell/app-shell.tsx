import type { ReactNode } from 'react';
import { RealtimeStatusBanner } from '../realtime/realtime-status.tsx';
import { CommandPalette } from '../search/command-palette.tsx';
import { ShortcutHelp } from '../shortcuts/shortcut-help.tsx';
import { Sidebar } from './sidebar.tsx';

export function AppShell({ children }: { children: ReactNode }) {
  return (
    <div className="app-shell">
      <Sidebar />
      <main className="content" id="content">
        {children}
      </main>
      <RealtimeStatusBanner />
      <ShortcutHelp />
      <CommandPalette />
    </div>
  );
}
