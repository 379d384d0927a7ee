/**
 * "Clean up batch": deletes the output files of rejected (or rejected and unrated) results, after a
 * confirmation that states how many files and bytes. The clean-up is sent with those figures and main
 * refuses when they no longer hold (a result was rated meanwhile): the plan is then read again and
 * shown, so what is deleted is always what was stated. The results stay in the batch, marked deleted.
 */
import type { BatchView, CleanupPlan, CleanupResult } from '@shared/contract';
import type { CleanupScope } from '@shared/ratings';
import { useCallback, useEffect, useState } from 'react';
import { Button } from '../../components/Button';
import { errorText } from '../../components/error-text';
import { formatBytes } from '../../components/format-bytes';
import { useModalDialog } from '../../components/use-modal-dialog';
import { useRatings } from '../../stores/ratings-store';
import './ratings.css';

const SCOPE_WORDS: Record<CleanupScope, string> = {
  rejected: 'Rejected results',
  'rejected-and-unrated': 'Rejected and unrated results (keeps picks and starred)',
};

export function CleanupDialog({ batch, onClose }: { batch: BatchView; onClose(): void }) {
  const ref = useModalDialog(true);
  const [scope, setScope] = useState<CleanupScope>('rejected');
  const [plan, setPlan] = useState<CleanupPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<CleanupResult | null>(null);

  const readPlan = useCallback(
    async (which: CleanupScope) => {
      setPlan(null);
      try {
        setPlan(await useRatings.getState().planCleanup({ batchId: batch.id, scope: which }));
      } catch (e) {
        setError(errorText(e));
      }
    },
    [batch.id],
  );
  useEffect(() => void readPlan(scope), [readPlan, scope]);

  const run = async () => {
    if (!plan) return;
    setBusy(true);
    setError(null);
    try {
      setDone(
        await useRatings
          .getState()
          .cleanUp({ batchId: batch.id, scope, expectFiles: plan.files, expectBytes: plan.bytes }),
      );
    } catch (e) {
      setError(`${errorText(e)} — the figures below are fresh.`);
      await readPlan(scope);
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      className="dialog ratings-dialog"
      data-testid="cleanup"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2>Clean up “{batch.name}”</h2>
      <div className="dialog-body">
        <fieldset className="cleanup-scope" aria-label="What to delete" disabled={busy || done !== null}>
          {(Object.keys(SCOPE_WORDS) as CleanupScope[]).map((s) => (
            <label key={s} className="check">
              <input
                type="radio"
                name="cleanup-scope"
                checked={scope === s}
                onChange={() => setScope(s)}
                data-testid={`cleanup-scope-${s}`}
              />
              {SCOPE_WORDS[s]}
            </label>
          ))}
        </fieldset>
        {done ? (
          <p role="status" data-testid="cleanup-result">
            Deleted {done.filesDeleted} file{done.filesDeleted === 1 ? '' : 's'} (
            {formatBytes(done.bytesFreed)}
            ). {done.resultsMarked} result{done.resultsMarked === 1 ? '' : 's'} stay in the batch, marked
            deleted.
          </p>
        ) : plan ? (
          <p data-testid="cleanup-plan">
            <strong>
              Delete {plan.files} file{plan.files === 1 ? '' : 's'} ({formatBytes(plan.bytes)})
            </strong>{' '}
            from disk? The {plan.results} result{plan.results === 1 ? '' : 's'} stay in the batch, marked
            deleted; this cannot be undone.
            {plan.shared > 0 &&
              ` ${plan.shared} more share their file with a kept result and are left alone.`}
          </p>
        ) : (
          <p className="muted">Counting…</p>
        )}
        {error && (
          <p className="error small" role="alert">
            {error}
          </p>
        )}
      </div>
      <div className="dialog-actions">
        <Button variant="ghost" onClick={onClose} autoFocus>
          {done ? 'Close' : 'Cancel'}
        </Button>
        {!done && (
          <Button
            variant="danger"
            busy={busy}
            disabled={!plan || plan.results === 0}
            onClick={() => void run()}
            data-testid="cleanup-run"
          >
            {plan ? `Delete ${plan.files} file${plan.files === 1 ? '' : 's'}` : 'Delete'}
          </Button>
        )}
      </div>
    </dialog>
  );
}
