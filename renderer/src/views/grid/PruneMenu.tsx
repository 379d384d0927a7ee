/**
 * A grid card's "skip…" menu: skip the rest of this style, of this prompt, of this input (batch:prune).
 * Pending jobs with the value are cancelled; jobs already sent finish; the prune bar offers the undo.
 */
import type { JobView } from '@shared/contract';
import type { PruneAxis } from '@shared/sweep';
import { useState } from 'react';
import { useBatchStore } from '../../stores/batch-store';
import { pruneOf, usePrune } from '../../stores/prune-store';

const CARD_AXES: readonly { axis: PruneAxis; text: (job: JobView) => string }[] = [
  { axis: 'style', text: (job) => `Skip the rest of style ${job.style.replaceAll('_', ' ')}` },
  { axis: 'prompt', text: () => 'Skip the rest of this prompt' },
  { axis: 'input', text: () => 'Skip the rest of this input' },
];

export function PruneMenu({ job }: { job: JobView }) {
  const [open, setOpen] = useState(false);
  const choose = (axis: PruneAxis) => {
    setOpen(false);
    const input = useBatchStore.getState().inputs.find((i) => i.id === job.inputId);
    const { target, label } = pruneOf(job, axis, input?.name);
    void usePrune.getState().prune(job.batchId, target, label);
  };
  return (
    <div className={`job-skip${open ? ' is-open' : ''}`}>
      <button
        type="button"
        className="job-skip-toggle"
        tabIndex={-1}
        title="Skip the rest of this style, prompt or input (pending jobs are not sent)"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        data-testid="card-skip"
      >
        skip…
      </button>
      {open && (
        <div className="job-skip-menu" role="menu">
          {CARD_AXES.map(({ axis, text }) => (
            <button
              key={axis}
              type="button"
              role="menuitem"
              onClick={() => choose(axis)}
              data-testid={`card-skip-${axis}`}
            >
              {text(job)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
