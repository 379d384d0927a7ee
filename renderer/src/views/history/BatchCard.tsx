/**
 * One batch in History: up to 4 thumbnails, name, state and counts in the one batch vocabulary, whether it
 * ran live or on the simulator, date, matched prompts and actions. Click (thumbnails or Open) opens it.
 */
import type { BatchView, HistoryHit } from '@shared/contract';
import { describeBatch } from '@shared/scheduling';
import { mediaUrl } from '../../api/media-url';
import { Button } from '../../components/Button';
import { LedgerSummary } from '../../components/LedgerSummary';
import { useApp } from '../../stores/app-store';
import { useNav } from '../../stores/nav-store';
import { Highlighted } from './Highlighted';
import { batchPrompts, batchStyles } from './history-filters';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function Thumbs({ batch }: { batch: BatchView }) {
  const ids = batch.previewJobIds.slice(0, 4);
  return (
    <div className={`thumbs thumbs-${Math.max(1, ids.length)}`} aria-hidden={ids.length === 0}>
      {ids.length === 0 ? (
        <span className="thumbs-empty">{batch.done > 0 ? 'no previews' : 'no images yet'}</span>
      ) : (
        ids.map((id) => (
          <img key={id} src={mediaUrl({ kind: 'output-thumb', id })} alt="" loading="lazy" decoding="async" />
        ))
      )}
    </div>
  );
}

const BACKEND_WORDS = {
  simulator: { text: 'Simulator', title: 'Ran on the offline simulator: no credits spent' },
  segmind: { text: 'Live', title: 'Ran on Segmind (live, credits spent)' },
  mixed: { text: 'Live + simulator', title: 'Some jobs ran on the simulator, some on Segmind' },
} as const;

/** Whether the batch ran live or on the simulator (nothing for batches from before this was recorded). */
function BackendTag({ backend }: { backend: BatchView['backend'] }) {
  if (!backend) return null;
  const w = BACKEND_WORDS[backend];
  return (
    <span className={`tag backend-${backend}`} title={w.title} data-testid="history-backend">
      {w.text}
    </span>
  );
}

export interface BatchCardProps {
  batch: BatchView;
  hits: HistoryHit[];
  onDelete: (batch: BatchView) => void;
}

export function BatchCard({ batch, hits, onDelete }: BatchCardProps) {
  const nav = useNav.getState();
  const words = describeBatch(batch.state, batch.counts);
  const prompts = batchPrompts(batch);
  const pct = batch.total ? Math.round((words.done / batch.total) * 100) : 0;
  const spec = batch.spec && typeof batch.spec === 'object' ? (batch.spec as Record<string, unknown>) : null;
  const simulated = useApp((s) => s.info.status === 'ready' && s.info.value.backend === 'simulator');
  return (
    <article className="batch-card" data-testid="history-batch" data-batch-id={batch.id}>
      <button
        type="button"
        className="batch-thumbs-btn"
        onClick={() => nav.openBatch(batch.id)}
        title="Click opens the batch in the grid"
      >
        <Thumbs batch={batch} />
      </button>
      <div className="batch-body">
        <div className="batch-title-row">
          <h3 title={batch.name}>{batch.name}</h3>
          <span className={`state tone-${words.tone}`} data-testid="history-state" data-tone={words.tone}>
            {words.word}
          </span>
          <BackendTag backend={batch.backend} />
        </div>
        {batch.parentBatchId && (
          <p className="batch-lineage small">
            from{' '}
            <button
              type="button"
              className="link-btn"
              onClick={() => batch.parentBatchId && nav.openBatch(batch.parentBatchId)}
              title="Open the batch this one was started from"
              data-testid="history-parent"
            >
              {batch.parentName ?? batch.parentBatchId}
            </button>
          </p>
        )}
        <p className="batch-meta">
          <span data-testid="history-line">{words.detail}</span>
          {batch.ratings.picks > 0 && (
            <span className="picks" data-testid="history-picks">
              {' '}
              · ⚑ {batch.ratings.picks} {batch.ratings.picks === 1 ? 'pick' : 'picks'}
            </span>
          )}
          <span> · {dateFormat.format(batch.createdAt)}</span>
        </p>
        <LedgerSummary ledger={batch.ledger} simulated={simulated} compact testId="history-ledger" />
        <div
          className="progress"
          role="progressbar"
          aria-valuenow={pct}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label="Done"
        >
          <span style={{ width: `${pct}%` }} />
        </div>
        {hits.length > 0 ? (
          <ul className="hits" data-testid="history-hits">
            {hits.slice(0, 3).map((h) => (
              <li key={h.prompt}>
                <Highlighted text={h.highlighted} />
              </li>
            ))}
          </ul>
        ) : (
          prompts[0] && (
            <p className="batch-prompt" title={prompts.join('\n')}>
              {prompts[0]}
              {prompts.length > 1 && <span className="muted"> +{prompts.length - 1}</span>}
            </p>
          )
        )}
        <p className="batch-tags">
          {batchStyles(batch).map((s) => (
            <span key={s} className="tag">
              {s}
            </span>
          ))}
        </p>
        <div className="batch-card-actions">
          <Button
            size="sm"
            variant="primary"
            onClick={() => nav.openBatch(batch.id)}
            data-testid="history-open"
          >
            Open
          </Button>
          <Button
            size="sm"
            onClick={() => spec && nav.loadIntoComposer(spec)}
            disabled={!spec}
            data-testid="history-duplicate"
          >
            Duplicate sweep
          </Button>
          <Button size="sm" variant="ghost" onClick={() => onDelete(batch)} data-testid="history-delete">
            Delete…
          </Button>
        </div>
      </div>
    </article>
  );
}
