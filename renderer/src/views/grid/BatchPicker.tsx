/**
 * Shown when no batch is open: the recent batches to open, or a pointer to the composer. The list comes
 * from the batches store (the one History uses), so it follows running batches live.
 */

import { describeBatch } from '@shared/scheduling';
import { useEffect, useMemo } from 'react';
import { Button } from '../../components/Button';
import { useBatches } from '../../stores/batches-store';
import { useNav } from '../../stores/nav-store';

/** Most batches offered. Default 12. */
const RECENT = 12;

export function BatchPicker() {
  const { openBatch, go } = useNav.getState();
  const list = useBatches((s) => s.list);
  useEffect(() => useBatches.getState().start(), []);
  const batches = useMemo(() => (list.status === 'ready' ? list.batches.slice(0, RECENT) : null), [list]);
  const error = list.status === 'error' ? list.message : null;
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
                {describeBatch(b.state, b.counts).line} · {new Date(b.createdAt).toLocaleString()}
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
