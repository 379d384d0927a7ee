/**
 * Shown while a web-mode page cannot reach its studio (stopped, restarting, the machine asleep): says
 * so in plain words instead of failing calls with "Failed to fetch". Nothing to click: the page waits,
 * reconnects by itself when the studio is back on the same address, and re-reads what it shows.
 */
import { Spinner } from '../components/Spinner';
import { useApp } from '../stores/app-store';

export function ConnectionBanner() {
  const connection = useApp((s) => s.connection);
  if (connection === 'live') return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-lost">
      <Spinner size={14} />
      <div className="halt-text">
        <strong>The studio cannot be reached — reconnecting…</strong>
        <span>
          Jobs already sent keep running at Segmind (or the simulator); this page catches up by itself once
          the studio is back.
        </span>
      </div>
    </div>
  );
}
