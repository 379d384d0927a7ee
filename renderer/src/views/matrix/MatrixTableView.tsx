/**
 * The labelled X/Y table: source image in the corner, X values across, Y values down, one result per
 * cell (thumbnail when done, the job's state otherwise). Clicking a finished cell opens it beside its
 * source (compare); Ctrl/⌘-click picks it for compare, as in the grid. Very long axes are cut at `cap` values so the table stays usable; the export has them all.
 */
import type { InputView, JobView } from '@shared/contract';
import { isPruneAxis, type MatrixTable } from '@shared/sweep';
import type { MouseEvent } from 'react';
import { mediaUrl } from '../../api/media-url';
import { Button } from '../../components/Button';
import { RatingBadge } from '../../components/RatingControl';
import { useBatchStore } from '../../stores/batch-store';
import { useNav } from '../../stores/nav-store';
import { usePrune } from '../../stores/prune-store';
import { CLICK_HINT } from '../grid/FilterBar';
import { STATE_LABEL } from '../grid/grid-model';
import { useGridUi } from '../grid/grid-ui-store';
import { AXIS_TITLES, type MatrixAxis } from './matrix-model';

export interface MatrixTableViewProps {
  table: MatrixTable<JobView>;
  xAxis: MatrixAxis;
  yAxis: MatrixAxis;
  input: InputView;
  cellSize: number;
  cap: number;
  /** The pointer moved onto a cell's job (the rating keys rate it). */
  onHover?(jobId: number): void;
}

function Cell({
  job,
  size,
  inputId,
  onHover,
}: {
  job: JobView | null;
  size: number;
  inputId: number;
  onHover?(jobId: number): void;
}) {
  const openCompare = useNav((s) => s.openCompare);
  const picked = useGridUi((s) => (job ? s.picked.includes(job.id) : false));
  if (!job) return <td className="mx-cell mx-missing" style={{ width: size, height: size }} />;
  const done = job.hasThumbnail;
  // Click opens (the result beside its source, full size); Ctrl/⌘-click picks, as in the grid.
  const onClick = (e: MouseEvent) => {
    if (e.ctrlKey || e.metaKey) useGridUi.getState().togglePick(job.id);
    else openCompare([job.id], inputId);
  };
  return (
    <td
      className={`mx-cell${picked ? ' mx-picked' : ''}`}
      style={{ width: size, height: size }}
      data-testid="matrix-cell"
      data-state={job.state}
      data-picked={picked || undefined}
      data-job-id={job.id}
      data-flag={job.flag}
      data-stars={job.stars}
      onMouseEnter={() => onHover?.(job.id)}
    >
      <span className="mx-rating">
        <RatingBadge rating={job} />
      </span>
      {done ? (
        <button type="button" className="mx-hit" onClick={onClick} title={CLICK_HINT}>
          <img
            src={mediaUrl({ kind: 'output-thumb', id: job.id })}
            alt={`seed ${job.seed}, ${job.style}`}
            loading="lazy"
          />
        </button>
      ) : (
        <span className={`mx-state mx-${job.state}`} title={job.errorMessage ?? undefined}>
          {STATE_LABEL[job.state]}
        </span>
      )}
    </td>
  );
}

/**
 * An axis header's "skip": prunes the batch's pending jobs with that value (resolution and palette have
 * none). Its word is drawn by CSS, so the header's text stays the value's label alone.
 */
function HeaderSkip({
  batchId,
  axis,
  value,
  label,
}: {
  batchId: string;
  axis: string;
  value: string;
  label: string;
}) {
  if (!isPruneAxis(axis)) return null;
  return (
    <button
      type="button"
      className="mx-skip"
      title={`Skip the rest of ${label}: its pending jobs are not sent`}
      data-testid="matrix-skip"
      aria-label={`Skip the rest of ${label}`}
      onClick={() => void usePrune.getState().prune(batchId, { axis, value }, label)}
    />
  );
}

export function MatrixTableView({
  table,
  xAxis,
  yAxis,
  input,
  cellSize,
  cap,
  onHover,
}: MatrixTableViewProps) {
  const xs = table.xs.slice(0, cap);
  const ys = table.ys.slice(0, cap);
  const cut = table.xs.length > cap || table.ys.length > cap;
  return (
    <div className="mx-scroll">
      {cut && (
        <p className="muted mx-note">
          Showing the first {xs.length} of {table.xs.length} × {ys.length} of {table.ys.length} values; the
          export has them all.
        </p>
      )}
      <table
        className="mx-table"
        data-testid="matrix-table"
        data-cols={table.xs.length}
        data-rows={table.ys.length}
      >
        <thead>
          <tr>
            <th className="mx-corner">
              <img
                src={mediaUrl({ kind: 'input-thumb', id: input.id })}
                alt={`source ${input.name}`}
                style={{ width: cellSize, height: cellSize }}
              />
              <span className="mx-corner-label">
                {input.name} · {AXIS_TITLES[yAxis]} ↓ {AXIS_TITLES[xAxis]} →
              </span>
              <HeaderSkip
                batchId={input.batchId}
                axis="input"
                value={String(input.id)}
                label={`input ${input.name}`}
              />
            </th>
            {xs.map((v) => (
              <th key={v.key} className="mx-xlabel" title={v.label} style={{ width: cellSize }}>
                {v.label}
                <HeaderSkip
                  batchId={input.batchId}
                  axis={xAxis}
                  value={v.key}
                  label={`${AXIS_TITLES[xAxis].toLowerCase()} ${v.label}`}
                />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ys.map((v, yi) => (
            <tr key={v.key}>
              <th className="mx-ylabel" title={v.label}>
                {v.label}
                <HeaderSkip
                  batchId={input.batchId}
                  axis={yAxis}
                  value={v.key}
                  label={`${AXIS_TITLES[yAxis].toLowerCase()} ${v.label}`}
                />
              </th>
              {xs.map((xv, xi) => (
                <Cell
                  key={xv.key}
                  job={table.cells[yi]![xi]!}
                  size={cellSize}
                  inputId={input.id}
                  onHover={onHover}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What a click does, and the picks with their compare button (the grid's picks: they carry over). */
export function MatrixPicks({ inputId }: { inputId: number }) {
  const picked = useGridUi((s) => s.picked);
  const openCompare = useNav((s) => s.openCompare);
  return (
    <div className="mx-picks">
      <span className="muted small" data-testid="click-hint">
        {CLICK_HINT}
      </span>
      {picked.length > 0 && (
        <>
          <span className="muted small">{picked.length} picked</span>
          <Button size="sm" variant="ghost" onClick={() => useGridUi.getState().setPicked([])}>
            Clear
          </Button>
          <Button
            size="sm"
            variant="primary"
            data-testid="matrix-compare-picked"
            onClick={() =>
              openCompare(
                picked,
                picked.length === 1
                  ? (useBatchStore.getState().findJob(picked[0]!)?.inputId ?? inputId)
                  : null,
              )
            }
          >
            {picked.length === 1 ? 'Compare with source' : `Compare ${picked.length}`}
          </Button>
        </>
      )}
    </div>
  );
}
