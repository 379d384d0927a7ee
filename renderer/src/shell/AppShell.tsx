/**
 * The application frame: navigation rail, top bar (backend badge always visible), the banners (studio
 * unreachable, engine halted, web mode's offer to notify at batch end), the current view inside an
 * error boundary, and the help overlay. Starts the app store's snapshot-then-subscribe loop once, and
 * web mode's batch-end notifications.
 */
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { useApp } from '../stores/app-store';
import { useNav } from '../stores/nav-store';
import { useNotify } from '../stores/notify-store';
import { ConnectionBanner } from './ConnectionBanner';
import { HaltBanner } from './HaltBanner';
import { HelpOverlay } from './HelpOverlay';
import { NavRail } from './NavRail';
import { NotifyOffer } from './NotifyOffer';
import { TopBar } from './TopBar';
import { useGlobalShortcuts } from './use-global-shortcuts';
import './shell.css';
import { useMenuCommands } from './use-menu-commands';

export function AppShell({ children }: { children: ReactNode }) {
  const view = useNav((s) => s.view);
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useGlobalShortcuts(toggleHelp);
  useMenuCommands(toggleHelp);
  useEffect(() => useApp.getState().start(), []);
  useEffect(() => useNotify.getState().start(), []);

  return (
    <div className="shell">
      <NavRail onHelp={() => setHelp(true)} />
      <div className="shell-main">
        <TopBar />
        <ConnectionBanner />
        <HaltBanner />
        <NotifyOffer />
        <main className="view" data-view={view}>
          <ErrorBoundary resetKey={view}>{children}</ErrorBoundary>
        </main>
      </div>
      <HelpOverlay open={help} onClose={() => setHelp(false)} />
    </div>
  );
}
