/**
 * The studio shell. Until the full UI lands this shows the backend badge and the backend's health,
 * fetched through the contract, so `npm start` proves the whole path renderer -> bridge -> main works.
 */
import { useEffect, useState } from 'react';
import type { AppInfo, BackendHealth } from '../../shared/contract';
import { studio } from './api/studio-api';
import { BackendBadge } from './views/BackendBadge';

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [health, setHealth] = useState<BackendHealth | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const refresh = () =>
      Promise.all([studio['app:info']({}), studio['backend:health']({})])
        .then(([i, h]) => {
          if (!live) return;
          setInfo(i);
          setHealth(h);
          setError(null);
        })
        .catch((err: Error) => live && setError(err.message));
    refresh();
    const timer = setInterval(refresh, 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  return (
    <main className="app">
      <header className="topbar">
        <h1>Sweep Studio</h1>
        {info && <BackendBadge info={info} />}
      </header>
      {error && (
        <p className="error" role="alert">
          Cannot reach the studio service: {error}
        </p>
      )}
      {!info && !error && <p className="muted">Connecting…</p>}
      {health && (
        <section className="card" aria-label="backend health">
          <h2>Backend</h2>
          <p data-testid="health">
            {health.reachable ? 'Healthy' : 'Unreachable'} — {health.detail}
            {health.latencyMs !== null && ` (${health.latencyMs} ms)`}
          </p>
        </section>
      )}
    </main>
  );
}
