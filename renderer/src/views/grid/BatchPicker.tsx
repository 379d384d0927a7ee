/**
 * Shown when no batch is open: the recent batches to open, or a pointer to the composer.
 */

import type { BatchView } from '@shared/contract';
import { useEffect, useState } from 'react';
import { studio } from '../../api/studio-api';
import { Button } from '../../components/Button';
import { useNav } from '../../stores/nav-store';

export function BatchPicker() {
  const { openBatch, go } = useNav();
  const [batches, setBatches] = useState<BatchView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    studio['batch:list']({ limit: 12 })
      .then(setBatches)
      .catch((e: Error) => setError(e.message));
  }, []);
  return (
    <div className="gv-empty" data-testid="batch-picker">
      <h2>No batch open</h2>
      {error && <p className="error">Could not list batches: {error}</p>}
      {batches === null && !error && <p className="muted">Loading batches…</p>}
      {batches?.length === 0 && <p className="muted">Nothing has run yet. Start a sweep in the composer.</p>}
      {batches && batches.length > 0 && (
        <ul className="picker-list">
          {batches.map((b) => (
            <li key={b.id}>
              <Button onClick={() => openBatch(b.id)}>{b.name}</Button>
              <span className="muted">
                {b.done.toLocaleString()} / {b.total.toLocaleString()} · {b.state} ·{' '}
                {new Date(b.createdAt).toLocaleString()}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Button variant="primary" onClick={() => go('composer')}>
        New sweep
      </Button>
    </div>
  );
}
