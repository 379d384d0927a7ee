/**
 * "Export picks…": which results (the picks, or N stars or more) and where to (default the batch's
 * `picks` folder; typed, or chosen with the desktop's folder picker). Says what it did: how many files,
 * linked or copied, the manifests, and any result it could not export.
 */
import type { BatchView, PicksExport } from '@shared/contract';
import { EXPORT_SELECTIONS, type ExportSelection, RATING_FILTER_LABELS } from '@shared/ratings';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { errorText } from '../../components/error-text';
import { formatBytes } from '../../components/format-bytes';
import { useModalDialog } from '../../components/use-modal-dialog';
import { useRatings } from '../../stores/ratings-store';
import './ratings.css';

export function ExportPicksDialog({ batch, onClose }: { batch: BatchView; onClose(): void }) {
  const ref = useModalDialog(true);
  const [selection, setSelection] = useState<ExportSelection>('pick');
  const [dir, setDir] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<PicksExport | null>(null);
  const { exportPicks, pickFolder } = useRatings.getState();

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setDone(await exportPicks({ batchId: batch.id, selection, dir: dir.trim() || undefined }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const choose = async () => {
    const picked = await pickFolder().catch(() => null);
    if (picked) setDir(picked);
  };

  return (
    <dialog
      ref={ref}
      className="dialog ratings-dialog"
      data-testid="export-picks"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2>Export picks</h2>
      <div className="dialog-body">
        <p className="muted small">
          The outputs go byte for byte (their generation record intact; a hard link where the disk allows),
          with a CSV and a JSON manifest of every parameter, input, rating and path.
        </p>
        <label className="field-row">
          <span>Export</span>
          <select
            value={selection}
            onChange={(e) => setSelection(e.target.value as ExportSelection)}
            aria-label="Which results"
            data-testid="export-selection"
          >
            {EXPORT_SELECTIONS.map((s) => (
              <option key={s} value={s}>
                {s === 'pick' ? `Picks (${batch.ratings.picks})` : RATING_FILTER_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field-row">
          <span>To folder</span>
          <input
            className="input mono"
            value={dir}
            placeholder="the batch's picks folder"
            onChange={(e) => setDir(e.target.value)}
            aria-label="Export folder"
            data-testid="export-dir"
          />
          <Button size="sm" variant="ghost" onClick={() => void choose()}>
            Choose…
          </Button>
        </label>
        {done && (
          <div className="ratings-result" role="status" data-testid="export-result">
            <strong>
              Exported {done.files} file{done.files === 1 ? '' : 's'} ({formatBytes(done.bytes)}
              {done.linked > 0 ? `, ${done.linked} hard-linked` : ''}
              {done.copied > 0 ? `, ${done.copied} copied` : ''})
            </strong>
            <span className="mono small">{done.dir}</span>
            <span className="mono small muted">
              {done.manifestCsv} · {done.manifestJson}
            </span>
            {done.problems.map((p) => (
              <span key={p.jobId} className="error small">
                {p.message}
              </span>
            ))}
          </div>
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
        <Button variant="primary" busy={busy} onClick={() => void run()} data-testid="export-run">
          Export
        </Button>
      </div>
    </dialog>
  );
}
