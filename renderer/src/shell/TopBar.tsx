/**
 * The bar above every view: the view's title, engine load (in flight / limit), the way to Segmind
 * (Healthy only when a real request just got an answer; Offline with its countdown) and the backend
 * badge, which is always visible so nobody spends credits thinking they are on the simulator.
 */
import { useApp } from '../stores/app-store';
import { useNav } from '../stores/nav-store';
import { BackendBadge } from '../views/BackendBadge';
import { ConnectionPill } from './ConnectionPill';
import { VIEWS } from './view-list';

export function TopBar() {
  const view = useNav((s) => s.view);
  const info = useApp((s) => s.info);
  const engine = useApp((s) => s.engine);
  const label = VIEWS.find((v) => v.name === view)?.label ?? '';
  return (
    <header className="topbar">
      <h1>{label}</h1>
      <div className="topbar-spacer" />
      {engine && (
        <span
          className="pill"
          title={`Concurrency: ${engine.concurrency.inFlight} in flight, limit ${engine.concurrency.effective} (you set ${engine.concurrency.userLimit})`}
          data-testid="engine-pill"
        >
          <span className={`dot ${engine.concurrency.inFlight > 0 ? 'dot-busy' : 'dot-idle'}`} />
          {engine.concurrency.inFlight} / {engine.concurrency.effective} running
        </span>
      )}
      <ConnectionPill />
      {info.status === 'ready' && <BackendBadge info={info.value} />}
      {info.status === 'error' && (
        <span className="pill pill-bad" role="alert" title={info.message}>
          Service unreachable
        </span>
      )}
    </header>
  );
}
