/**
 * States the last prune of this batch — "Skipped 24 pending jobs of style ANIME (not paid)" — with its
 * undo, and after the undo how many were queued again. Shown over the grid and the matrix.
 */
import { usePrune } from '../../stores/prune-store';

export function PruneBar({ batchId }: { batchId: string }) {
  const { last, error, undo, dismiss } = usePrune();
  if (error)
    return (
      <p className="gv-toast" role="alert">
        {error}{' '}
        <button type="button" className="gv-link" onClick={dismiss}>
          dismiss
        </button>
      </p>
    );
  if (!last || last.batchId !== batchId) return null;
  const jobs = `${last.count.toLocaleString()} pending job${last.count === 1 ? '' : 's'}`;
  return (
    <p className="gv-toast prune-bar" role="status" data-testid="prune-bar">
      {last.undone
        ? `Queued ${jobs} of ${last.label} again.`
        : `Skipped ${jobs} of ${last.label} (not sent, not paid; jobs already sent finish).`}{' '}
      {!last.undone && (
        <button type="button" className="gv-link" onClick={() => void undo()} data-testid="prune-undo">
          Undo
        </button>
      )}{' '}
      <button type="button" className="gv-link" onClick={dismiss}>
        dismiss
      </button>
    </p>
  );
}
