/**
 * The bar above every view: the view's title, engine load (in flight / limit), backend health and the
 * backend badge, which is always visible so nobody spends credits thinking they are on the simulator.
 */
import { useApp } from '../stores/app-store';
import { useNav } from '../stores/nav-store';
import { BackendBadge } from '../views/BackendBadge';
import { VIEWS } from './view-list';

export function TopBar() {
  const view = useNav((s) => s.view);
  const info = useApp((s) => s.info);
  const engine = useApp((s) => s.engine);
  const health = useApp((s) => s.health);
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
      {health && (
        <span
          className="pill"
          data-testid="health"
          title={`${health.detail}${health.latencyMs !== null ? ` (${health.latencyMs} ms)` : ''}`}
        >
          <span className={`dot ${health.reachable ? 'dot-ok' : 'dot-bad'}`} />
          {health.reachable ? 'Healthy' : 'Unreachable'}
          {health.latencyMs !== null && <span className="muted"> {health.latencyMs} ms</span>}
        </span>
      )}
      {info.status === 'ready' && <BackendBadge info={info.value} />}
      {info.status === 'error' && (
        <span className="pill pill-bad" role="alert" title={info.message}>
          Service unreachable
        </span>
      )}
    </header>
  );
}
