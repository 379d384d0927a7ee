/**
 * The batch header above the grid: name and state, a progress bar, counts per status, throughput and
 * ETA, the ledger and the spend cap, and the controls (pause / resume / cancel, retry failed,
 * concurrency). Every action is a store action; the batch store then sees the result as a
 * `jobs:changed` delta.
 */

import type { BatchView, EngineStatus } from '@shared/contract';
import { formatDuration, isUserLimit } from '@shared/scheduling';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { LedgerSummary } from '../../components/LedgerSummary';
import { useApp } from '../../stores/app-store';
import { useBatchStore } from '../../stores/batch-store';
import { SpendCapControl } from './SpendCapControl';
import './batch-header.css';

export interface BatchHeaderProps {
  batch: BatchView;
  engine: EngineStatus | null;
  onError(message: string): void;
}

const STATE_WORDS: Record<BatchView['state'], string> = {
  draft: 'Draft',
  running: 'Running',
  paused: 'Paused',
  halted: 'Halted',
  completed: 'Finished',
  cancelled: 'Cancelled',
};

function ConcurrencyControl({ engine, onError }: { engine: EngineStatus; onError(m: string): void }) {
  const { userLimit, effective, inFlight } = engine.concurrency;
  const change = (limit: number) => {
    if (!isUserLimit(limit)) return;
    useApp
      .getState()
      .setConcurrency(limit)
      .catch((e: Error) => onError(e.message));
  };
  return (
    <div
      className="concurrency"
      title={`${inFlight} in flight; the engine runs ${effective} of ${userLimit} allowed`}
    >
      <span className="muted">Concurrency</span>
      <Button variant="ghost" size="sm" onClick={() => change(userLimit - 1)} aria-label="Less concurrency">
        −
      </Button>
      <span className="concurrency-value" data-testid="concurrency">
        {userLimit}
      </span>
      <Button variant="ghost" size="sm" onClick={() => change(userLimit + 1)} aria-label="More concurrency">
        +
      </Button>
      {effective < userLimit && <span className="muted small">(running {effective})</span>}
    </div>
  );
}

export function BatchHeader({ batch, engine, onError }: BatchHeaderProps) {
  const [busy, setBusy] = useState(false);
  const act = (call: () => Promise<unknown>) => {
    setBusy(true);
    call()
      .catch((e: Error) => onError(e.message))
      .finally(() => setBusy(false));
  };
  const { pause, resume, cancel, retryFailed } = useBatchStore.getState();
  const c = batch.counts;
  const running = c.submitting + c.queued + c.processing;
  const done = c.completed + c.skipped_duplicate;
  const pct = batch.total === 0 ? 0 : (100 * batch.done) / batch.total;
  const open = batch.state === 'running' || batch.state === 'paused' || batch.state === 'halted';
  const simulated = useApp((s) => s.info.status === 'ready' && s.info.value.backend === 'simulator');
  return (
    <header className="batch-header" data-testid="batch-header">
      <div className="batch-title">
        <h2>{batch.name}</h2>
        <span className={`batch-state batch-${batch.state}`} data-testid="batch-state">
          {STATE_WORDS[batch.state]}
        </span>
        <div className="batch-actions">
          {batch.state === 'running' && (
            <Button disabled={busy} onClick={() => act(() => pause(batch.id))}>
              Pause
            </Button>
          )}
          {(batch.state === 'paused' || batch.state === 'draft' || batch.state === 'halted') && (
            <Button variant="primary" disabled={busy} onClick={() => act(() => resume(batch.id))}>
              Resume
            </Button>
          )}
          {open && (
            <Button variant="danger" disabled={busy} onClick={() => act(() => cancel(batch.id))}>
              Cancel
            </Button>
          )}
          {c.failed > 0 && (
            <Button
              disabled={busy}
              onClick={() => act(() => retryFailed(batch.id))}
              data-testid="retry-failed"
            >
              Retry {c.failed.toLocaleString()} failed
            </Button>
          )}
          {engine && <ConcurrencyControl engine={engine} onError={onError} />}
        </div>
      </div>
      {batch.haltReason && batch.state === 'halted' && (
        <p className="batch-reason" role="status" data-testid="batch-reason">
          Stopped: {batch.haltReason}
          {c.failed > 0 && ' — once fixed, Resume; "Retry failed" fetches results already paid for again.'}
        </p>
      )}
      {batch.pauseReason && batch.state === 'paused' && (
        <p className="batch-reason" role="status" data-testid="batch-pause-reason">
          Paused: {batch.pauseReason}
          {batch.ledger.maxSpendUsd !== null &&
            batch.pauseReason.startsWith('spend cap') &&
            ' — raise the cap to go on.'}
          {batch.pauseReason.startsWith('review checkpoint') &&
            ' — look, skip what you do not want (a card’s skip… menu), then Resume.'}
        </p>
      )}
      <div
        className="batch-progress"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={batch.total}
        aria-valuenow={batch.done}
      >
        <span className="bar-done" style={{ width: `${pct}%` }} />
      </div>
      <div className="batch-counts" data-testid="batch-counts">
        <span>
          <strong>{batch.done.toLocaleString()}</strong> / {batch.total.toLocaleString()} finished
        </span>
        <span className="count count-done">{done.toLocaleString()} done</span>
        <span className="count count-running">{running.toLocaleString()} running</span>
        <span className="count count-queued">{c.pending.toLocaleString()} queued</span>
        {c.failed > 0 && <span className="count count-failed">{c.failed.toLocaleString()} failed</span>}
        {c.cancelled > 0 && (
          <span className="count count-cancelled">{c.cancelled.toLocaleString()} cancelled</span>
        )}
        {batch.jobsPerMinute > 0 && <span className="muted">{batch.jobsPerMinute.toFixed(1)} jobs/min</span>}
        {batch.etaMs !== null && batch.state === 'running' && (
          <span className="muted" data-testid="batch-eta">
            ETA {formatDuration(batch.etaMs)}
          </span>
        )}
      </div>
      <div className="batch-money">
        <LedgerSummary ledger={batch.ledger} simulated={simulated} testId="batch-ledger" />
        {open && <SpendCapControl batch={batch} onError={onError} />}
      </div>
    </header>
  );
}
