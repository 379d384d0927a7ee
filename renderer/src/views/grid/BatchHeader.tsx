/**
 * The batch header above the grid: name and state in the one batch vocabulary (shared/scheduling's
 * describeBatch: "Finished — 288 done, 48 failed", never green with failures), a progress bar, counts,
 * pace and ETA (frozen, and said so, while the batch does not run), the ledger and the spend cap, and the
 * controls: pause / resume, retry failed, re-queue cancelled, concurrency, and — apart from the rest —
 * cancel, which asks first with the counts. Every action is a store action; the batch store sees the result as a delta.
 */

import type { BatchView, EngineStatus } from '@shared/contract';
import { describeBatch, formatDuration, isUserLimit } from '@shared/scheduling';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
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

const n = (x: number) => x.toLocaleString('en-US');

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

/** "12.5 jobs/min · ETA 5 m 10 s", marked as held while the batch is paused or halted. */
function Pace({ batch }: { batch: BatchView }) {
  const open = batch.state === 'running' || batch.state === 'paused' || batch.state === 'halted';
  if (!open || (batch.jobsPerMinute <= 0 && batch.etaMs === null)) return null;
  const held = batch.state !== 'running';
  return (
    <span className="muted" data-testid="batch-pace">
      {batch.jobsPerMinute > 0 && `${batch.jobsPerMinute.toFixed(1)} jobs/min`}
      {batch.jobsPerMinute > 0 && batch.etaMs !== null && ' · '}
      {batch.etaMs !== null && <span data-testid="batch-eta">ETA {formatDuration(batch.etaMs)}</span>}
      {held && ` (held while ${batch.state})`}
    </span>
  );
}

export function BatchHeader({ batch, engine, onError }: BatchHeaderProps) {
  const [busy, setBusy] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const act = (call: () => Promise<unknown>) => {
    setBusy(true);
    call()
      .catch((e: Error) => onError(e.message))
      .finally(() => setBusy(false));
  };
  const { pause, resume, cancel, retryFailed, requeueCancelled } = useBatchStore.getState();
  const c = batch.counts;
  const words = describeBatch(batch.state, c);
  const running = c.submitting + c.queued + c.processing;
  const pct = batch.total === 0 ? 0 : (100 * words.done) / batch.total;
  const open = batch.state === 'running' || batch.state === 'paused' || batch.state === 'halted';
  const simulated = useApp((s) => s.info.status === 'ready' && s.info.value.backend === 'simulator');
  return (
    <header className="batch-header" data-testid="batch-header">
      <div className="batch-title">
        <h2>{batch.name}</h2>
        <span className={`batch-state tone-${words.tone}`} data-testid="batch-state" data-tone={words.tone}>
          {words.word}
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
          {c.failed > 0 && (
            <Button
              disabled={busy}
              onClick={() => act(() => retryFailed(batch.id))}
              data-testid="retry-failed"
            >
              Retry {n(c.failed)} failed
            </Button>
          )}
          {c.cancelled > 0 && (
            <Button
              disabled={busy}
              onClick={() => act(() => requeueCancelled(batch.id))}
              data-testid="requeue-cancelled"
            >
              Re-queue {n(c.cancelled)} cancelled
            </Button>
          )}
          {engine && <ConcurrencyControl engine={engine} onError={onError} />}
          {open && (
            <Button
              className="batch-cancel"
              variant="danger"
              size="sm"
              disabled={busy}
              onClick={() => setConfirmCancel(true)}
              data-testid="batch-cancel"
            >
              Cancel batch…
            </Button>
          )}
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
        aria-valuenow={words.done}
      >
        <span
          className={`bar-done${words.failed > 0 ? ' bar-with-failures' : ''}`}
          style={{ transform: `scaleX(${pct / 100})` }}
        />
      </div>
      <div className="batch-counts" data-testid="batch-counts">
        <strong data-testid="batch-line">{words.line}</strong>
        {running > 0 && <span className="count count-running">{n(running)} running</span>}
        {c.pending > 0 && <span className="count count-queued">{n(c.pending)} queued</span>}
        {c.skipped_duplicate > 0 && (
          <span
            className="muted"
            title="Identical to a job already made: its output was reused, not paid again"
          >
            {n(c.skipped_duplicate)} reused
          </span>
        )}
        <Pace batch={batch} />
      </div>
      <div className="batch-money">
        <LedgerSummary ledger={batch.ledger} simulated={simulated} testId="batch-ledger" />
        {open && <SpendCapControl batch={batch} onError={onError} />}
      </div>
      <ConfirmDialog
        open={confirmCancel}
        title={`Cancel ${n(c.pending)} queued job${c.pending === 1 ? '' : 's'}?`}
        confirmLabel={`Cancel ${n(c.pending)} job${c.pending === 1 ? '' : 's'}`}
        cancelLabel="Keep running"
        tone="danger"
        busy={busy}
        onConfirm={() => {
          setConfirmCancel(false);
          act(() => cancel(batch.id));
        }}
        onCancel={() => setConfirmCancel(false)}
        testId="confirm-cancel"
      >
        <p>
          Nothing more of <strong>{batch.name}</strong> is sent.{' '}
          {running > 0
            ? `The ${n(running)} running job${running === 1 ? '' : 's'} finish and are kept (they are already paid for).`
            : 'No job is running.'}{' '}
          {words.done > 0 && `The ${n(words.done)} done stay. `}
          You can put the cancelled jobs back with “Re-queue cancelled”.
        </p>
      </ConfirmDialog>
    </header>
  );
}
