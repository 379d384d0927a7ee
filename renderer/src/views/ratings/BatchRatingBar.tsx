/**
 * The open batch's culling at a glance, above the grid: how many results are picked, rejected, starred
 * and deleted, the rating keys, and the two morning actions — "Export picks…" and "Clean up…".
 */
import type { BatchView } from '@shared/contract';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { CleanupDialog } from './CleanupDialog';
import { ExportPicksDialog } from './ExportPicksDialog';
import './ratings.css';

export function BatchRatingBar({ batch }: { batch: BatchView }) {
  const [open, setOpen] = useState<'export' | 'cleanup' | null>(null);
  const { picks, rejects, starred, deleted } = batch.ratings;
  const results = batch.counts.completed + batch.counts.skipped_duplicate;
  return (
    <div className="rating-bar" data-testid="rating-bar">
      <span className="rating-counts" data-testid="rating-counts">
        <span className="rc-pick">
          ⚑ {picks} {picks === 1 ? 'pick' : 'picks'}
        </span>
        <span className="rc-reject">
          ✕ {rejects} {rejects === 1 ? 'reject' : 'rejects'}
        </span>
        <span className="rc-stars">★ {starred} starred</span>
        {deleted > 0 && <span className="muted">{deleted} deleted</span>}
      </span>
      <span className="muted small">
        <kbd>P</kbd> pick · <kbd>X</kbd> reject · <kbd>1</kbd>–<kbd>5</kbd> stars · <kbd>0</kbd> clear
      </span>
      <div className="rating-bar-actions">
        <Button
          size="sm"
          onClick={() => setOpen('export')}
          disabled={results === 0}
          data-testid="open-export-picks"
        >
          Export picks…
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => setOpen('cleanup')}
          disabled={results === 0}
          data-testid="open-cleanup"
        >
          Clean up…
        </Button>
      </div>
      {open === 'export' && <ExportPicksDialog batch={batch} onClose={() => setOpen(null)} />}
      {open === 'cleanup' && <CleanupDialog batch={batch} onClose={() => setOpen(null)} />}
    </div>
  );
}
