/**
 * One job in the live grid. Memoised on the job object, which the batch store replaces only when the
 * job changed, so a delta re-renders just the cards it touches. A card says which input it came from (its
 * name, and the source as a small inset once the output is there); running cards tick their elapsed time
 * from the shared clock; queued and running cards show the source image dimmed until the output lands.
 */

import type { BackendKind, InputView, JobView } from '@shared/contract';
import { formatDuration } from '@shared/scheduling';
import { type MouseEvent, memo } from 'react';
import { mediaUrl } from '../../api/media-url';
import { RatingBadge } from '../../components/RatingControl';
import { jobElapsedMs, stateLabel, statusGroup } from './grid-model';
import { PruneMenu } from './PruneMenu';
import { useNow } from './use-now';
import './job-card-menu.css';

export interface JobCardProps {
  job: JobView;
  /** Position in the filtered list (the keyboard cursor's unit). */
  index: number;
  /** The input the job came from (undefined while the batch's inputs load). */
  input: InputView | undefined;
  /** Which backend a submitted job waits at (named on its badge). */
  backend: BackendKind | null;
  /** The keyboard cursor is on this card. */
  active: boolean;
  /** The card is picked for compare. */
  picked: boolean;
  onPick(job: JobView, index: number, event: MouseEvent): void;
  onOpen(job: JobView, index: number): void;
  onTogglePick(job: JobView): void;
  /** "Sweep around this…" (shown on results only); absent hides it. */
  onSweepAround?(job: JobView): void;
}

function Elapsed({ job }: { job: JobView }) {
  const group = statusGroup(job.state);
  const now = useNow(group === 'running');
  const ms = jobElapsedMs(job, now);
  if (ms === null) return null;
  return <span className="job-time">{formatDuration(ms)}</span>;
}

function Thumb({ job, inputName }: { job: JobView; inputName: string }) {
  const group = statusGroup(job.state);
  // A clean-up deleted the file: say so rather than show the source as if it were still running.
  if (job.outputDeletedAt !== null) return <span className="job-img job-deleted">File deleted</span>;
  const source = mediaUrl({ kind: 'input-thumb', id: job.inputId });
  if (group === 'done' && job.hasThumbnail) {
    return (
      <>
        <img
          className="job-img"
          src={mediaUrl({ kind: 'output-thumb', id: job.id })}
          alt={`seed ${job.seed}, ${job.style}`}
          loading="lazy"
          decoding="async"
          draggable={false}
        />
        <img
          className="job-source"
          src={source}
          alt={`source ${inputName}`}
          title={`Source: ${inputName}`}
          loading="lazy"
          decoding="async"
          draggable={false}
          data-testid="job-source"
        />
      </>
    );
  }
  return (
    <img
      className="job-img job-img-ghost"
      src={source}
      alt=""
      loading="lazy"
      decoding="async"
      draggable={false}
    />
  );
}

export const JobCard = memo(function JobCard({
  job,
  index,
  input,
  backend,
  active,
  picked,
  onPick,
  onOpen,
  onTogglePick,
  onSweepAround,
}: JobCardProps) {
  const group = statusGroup(job.state);
  const label = stateLabel(job.state, backend);
  const inputName = input?.name ?? `input ${job.inputId}`;
  return (
    <div
      className={`job-card status-${group}${active ? ' is-active' : ''}${picked ? ' is-picked' : ''}`}
      data-testid="job-card"
      data-job-id={job.id}
      data-state={job.state}
      data-flag={job.flag}
      data-stars={job.stars}
      data-deleted={job.outputDeletedAt !== null || undefined}
    >
      <button
        type="button"
        className="job-hit"
        tabIndex={-1}
        aria-label={`Job ${job.ordinal + 1}: ${inputName}, seed ${job.seed}, ${job.style}, ${label}. Click opens; Ctrl-click picks for compare.`}
        onClick={(e) => onPick(job, index, e)}
        onDoubleClick={() => onOpen(job, index)}
      >
        <span className="job-thumb">
          <Thumb job={job} inputName={inputName} />
          <span className={`job-state state-${group}`}>{label}</span>
          <span className="job-rating">
            <RatingBadge rating={job} />
          </span>
          {group === 'running' && <span className="job-progress" aria-hidden />}
          {group === 'failed' && (
            <span className="job-error" title={job.errorMessage ?? undefined}>
              {job.errorMessage ?? job.errorCode ?? 'Failed'}
            </span>
          )}
        </span>
        <span className="job-meta">
          <span className="job-seed">#{job.seed}</span>
          <span className="job-style">{job.style.replace('_', ' ').toLowerCase()}</span>
          <Elapsed job={job} />
        </span>
        <span className="job-input" title={input?.relPath ?? inputName} data-testid="job-input">
          {inputName}
        </span>
        <span className="job-prompt" title={job.prompt}>
          {job.prompt}
        </span>
      </button>
      <input
        type="checkbox"
        className="job-pick"
        title="Pick for compare (Ctrl-click, Space)"
        tabIndex={-1}
        checked={picked}
        onChange={() => onTogglePick(job)}
        aria-label="Pick for compare"
      />
      <PruneMenu job={job} />
      {onSweepAround && job.hasOutput && (
        <button
          type="button"
          className="job-around"
          tabIndex={-1}
          title="Sweep around this… (new seeds, weights, styles, magic prompt, palettes)"
          onClick={() => onSweepAround(job)}
          data-testid="card-sweep-around"
        >
          around…
        </button>
      )}
    </div>
  );
});

/** A card whose job is still being read from main (its page is on its way). */
export function PlaceholderCard() {
  return (
    <div className="job-card job-card-placeholder" aria-hidden data-testid="job-placeholder">
      <span className="job-thumb" />
    </div>
  );
}
