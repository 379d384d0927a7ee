/**
 * The job detail drawer: the output (or the source while it runs), every parameter, timings, attempts,
 * the event log and the error, with the file actions (FileActions: open / reveal on the desktop; a new
 * tab, a download and the path in web mode), retry, reuse and compare. It re-reads `job:get` whenever
 * the store's copy of the job changes, so it follows the job live.
 */

import { resolutionLabel } from '@shared/catalogue';
import type { JobDetail, JobView } from '@shared/contract';
import { formatDuration, isTerminal } from '@shared/scheduling';
import { useEffect, useState } from 'react';
import { mediaUrl } from '../../api/media-url';
import { Button } from '../../components/Button';
import { RatingControl } from '../../components/RatingControl';
import { useApp } from '../../stores/app-store';
import { useBatchStore } from '../../stores/batch-store';
import { useNav } from '../../stores/nav-store';
import { useRatings } from '../../stores/ratings-store';
import { sweepAroundJob } from '../../stores/sweep-around';
import { FileActions } from './FileActions';
import { jobElapsedMs, reuseSpec, stateLabel, statusGroup } from './grid-model';
import { useGridUi } from './grid-ui-store';
import { useNow } from './use-now';
import './job-detail.css';

const time = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleTimeString());

function paletteText(job: JobView): string {
  if (!job.palette) return 'none';
  if ('name' in job.palette) return job.palette.name;
  return job.palette.members.map((m) => `${m.color_hex}×${m.color_weight}`).join(', ');
}

function Params({ job }: { job: JobView }) {
  const rows: [string, string][] = [
    ['Prompt', job.prompt],
    ['Negative prompt', job.negativePrompt || '—'],
    ['Seed', String(job.seed)],
    ['Style', job.style],
    [
      'Resolution',
      `${resolutionLabel(job.resolution)}${job.resolutionMatched ? ' (matched to the input)' : ''}`,
    ],
    ['Image weight', String(job.imageWeight)],
    ['Magic prompt', job.magicPrompt],
    ['Palette', paletteText(job)],
  ];
  return (
    <dl className="detail-params">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function JobDetailDrawer({ jobId, onError }: { jobId: number; onError(m: string): void }) {
  // The grid pins the open detail's job, so the store keeps it live wherever the list is scrolled.
  const job = useBatchStore((s) => s.pinned[jobId]);
  const batch = useBatchStore((s) => s.batch);
  const backend = useApp((s) => (s.info.status === 'ready' ? s.info.value.backend : null));
  const close = () => useGridUi.getState().openDetail(null);
  const { loadIntoComposer, openCompare } = useNav.getState();
  const { retryJob } = useBatchStore.getState();
  const [detail, setDetail] = useState<JobDetail | null>(null);
  const now = useNow(job ? statusGroup(job.state) === 'running' : false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `job` identity changes exactly when the job did.
  useEffect(() => {
    let live = true;
    useBatchStore
      .getState()
      .readJob(jobId)
      .then((d) => live && setDetail(d))
      .catch((e: Error) => live && onError(e.message));
    return () => {
      live = false;
    };
  }, [jobId, job, onError]);

  const shown = job ?? detail?.job;
  if (!shown) return null;
  const elapsed = jobElapsedMs(shown, now);
  const done = shown.hasOutput;
  return (
    <aside className="job-detail" data-testid="job-detail" aria-label="Job detail">
      <header className="detail-head">
        <span className={`job-state state-${statusGroup(shown.state)}`}>
          {stateLabel(shown.state, backend)}
        </span>
        <h3>
          Job {shown.ordinal + 1} · seed {shown.seed}
        </h3>
        <Button variant="ghost" size="sm" onClick={close} aria-label="Close (Esc)">
          ×
        </Button>
      </header>
      <div className="detail-image">
        <img
          src={mediaUrl(done ? { kind: 'output', id: shown.id } : { kind: 'input', id: shown.inputId })}
          alt={done ? 'output' : 'source image'}
          className={done ? '' : 'job-img-ghost'}
        />
      </div>
      <div className="detail-actions">
        <FileActions job={shown} onError={onError} />
        {(shown.state === 'failed' || shown.state === 'cancelled') && (
          <Button
            variant="primary"
            data-testid="detail-retry"
            onClick={() => retryJob(jobId).catch((e: Error) => onError(e.message))}
          >
            Retry
          </Button>
        )}
        <Button
          disabled={!detail}
          onClick={() => detail && loadIntoComposer(reuseSpec(shown, detail.input, batch))}
        >
          Reuse parameters
        </Button>
        <Button disabled={!done} onClick={() => openCompare([shown.id], shown.inputId)}>
          Compare with source
        </Button>
        <Button
          disabled={!detail}
          onClick={() => detail && sweepAroundJob(shown, detail.input)}
          title="Open the composer with this result and add its neighbours: seeds, weights, styles, magic prompt, palettes"
          data-testid="detail-sweep-around"
        >
          Sweep around this…
        </Button>
      </div>
      {(shown.state === 'completed' || shown.state === 'skipped_duplicate') && (
        <div className="detail-rating">
          <RatingControl
            rating={shown}
            onChange={(patch) =>
              useRatings
                .getState()
                .rate([shown], patch)
                .catch((e: Error) => onError(e.message))
            }
          />
          {shown.outputDeletedAt !== null && (
            <span className="muted small" data-testid="detail-deleted">
              File deleted by a clean-up on {new Date(shown.outputDeletedAt).toLocaleString()}
            </span>
          )}
        </div>
      )}
      {shown.errorMessage && (
        <p className="detail-error" role="alert">
          <strong>{shown.errorCode ?? 'error'}:</strong> {shown.errorMessage}
        </p>
      )}
      <Params job={shown} />
      <dl className="detail-params detail-timing">
        <div>
          <dt>Input</dt>
          <dd>{detail?.input.relPath ?? `#${shown.inputId}`}</dd>
        </div>
        <div>
          <dt>Sent / started / finished</dt>
          <dd>
            {time(shown.submittedAt)} / {time(shown.startedAt)} / {time(shown.finishedAt)}
          </dd>
        </div>
        <div>
          <dt>{isTerminal(shown.state) ? 'Took' : 'Elapsed'}</dt>
          <dd>
            {elapsed === null ? '—' : formatDuration(elapsed)}
            {shown.inferenceTimeSec !== null && ` (inference ${shown.inferenceTimeSec.toFixed(1)} s)`}
          </dd>
        </div>
        <div>
          <dt>Attempts</dt>
          <dd>{shown.attempts}</dd>
        </div>
        <div>
          <dt>Request id</dt>
          <dd className="mono">{shown.requestId ?? '—'}</dd>
        </div>
        {shown.outputPath && (
          <div>
            <dt>File</dt>
            <dd className="mono">{shown.outputPath}</dd>
          </div>
        )}
      </dl>
      <h4>Event log</h4>
      <ol className="detail-events" data-testid="job-events">
        {(detail?.events ?? []).map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the log only grows at the end; position is identity.
          <li key={i}>
            <span className="mono muted">{time(e.at)}</span> <strong>{e.kind}</strong>
            {e.fromState && e.toState && (
              <span className="muted">
                {' '}
                {e.fromState} → {e.toState}
              </span>
            )}
            {e.detail !== null && e.detail !== undefined && (
              <span className="mono small"> {JSON.stringify(e.detail)}</span>
            )}
          </li>
        ))}
        {detail && detail.events.length === 0 && <li className="muted">No events yet.</li>}
      </ol>
    </aside>
  );
}
