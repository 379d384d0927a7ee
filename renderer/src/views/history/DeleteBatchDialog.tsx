/**
 * Confirms deleting a batch from History, offering to delete its image files from disk too. Mount it
 * with `key` = batch id so its state starts fresh per batch; the batches store drops the batch and
 * re-reads the list.
 */

import type { BatchView } from '@shared/contract';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorText } from '../../components/error-text';
import { useBatches } from '../../stores/batches-store';

export function DeleteBatchDialog({
  batch,
  onClose,
  onDeleted,
}: {
  batch: BatchView | null;
  onClose: () => void;
  onDeleted: (message: string) => void;
}) {
  const [withFiles, setWithFiles] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    if (!batch) return;
    setBusy(true);
    setError(null);
    try {
      const res = await useBatches.getState().deleteBatch({ batchId: batch.id, deleteFiles: withFiles });
      onDeleted(
        withFiles
          ? `Deleted “${batch.name}” and ${res.filesDeleted} file(s).`
          : `Deleted “${batch.name}” (files kept on disk).`,
      );
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open={batch !== null}
      title={`Delete “${batch?.name ?? ''}”?`}
      tone="danger"
      confirmLabel={withFiles ? 'Delete batch and files' : 'Delete batch'}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
      testId="delete-batch"
    >
      <p>
        The batch leaves History
        {batch && batch.state === 'running' ? ' (its running jobs are cancelled first)' : ''}.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={withFiles}
          onChange={(e) => setWithFiles(e.target.checked)}
          data-testid="delete-files"
        />
        Also delete its {batch?.counts.completed ?? 0} output image(s) from{' '}
        <span className="mono">{batch?.outputDir}</span>
      </label>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}
