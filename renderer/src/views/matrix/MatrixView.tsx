/**
 * The X/Y matrix: for one input (and, unless it is an axis, one prompt) a labelled table of results
 * over two of the axes the batch varied (seed x style by default), the other varied axes held at a
 * chosen value, with the source image in the corner. "Export grid" (GridExport) has main write the
 * labelled grid PNG of the input beside the batch's outputs, every image of it in the screen's order.
 * The rating keys rate the cell under the pointer.
 */

import type { JobView } from '@shared/contract';
import {
  axisValues,
  buildTable,
  defaultGridAxes,
  defaultYAxis,
  type FixedAxes,
  narrowJobs,
} from '@shared/sweep';
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useBatchStore } from '../../stores/batch-store';
import { useNav } from '../../stores/nav-store';
import { useGridUi } from '../grid/grid-ui-store';
import { PruneBar } from '../grid/PruneBar';
import { useRatingKeys } from '../ratings/use-rating-keys';
import { GridExport } from './GridExport';
import { MatrixPicks, MatrixTableView } from './MatrixTableView';
import { AXIS_TITLES, type MatrixAxis } from './matrix-model';
import './matrix.css';

const DISPLAY_CAP = 60;
const NO_JOBS: readonly JobView[] = [];

export function MatrixView() {
  const { batchId, go } = useNav(useShallow((s) => ({ batchId: s.batchId, go: s.go })));
  const { batch, inputs, load, open } = useBatchStore(
    useShallow((s) => ({ batch: s.batch, inputs: s.inputs, load: s.load, open: s.open })),
  );
  useEffect(() => {
    open(batchId);
    // Ctrl-click picks cells for compare, the same picks as the grid's.
    useGridUi.getState().forBatch(batchId);
  }, [batchId, open]);

  const [inputId, setInputId] = useState<number | null>(null);
  const [x, setX] = useState<MatrixAxis | null>(null);
  const [y, setY] = useState<MatrixAxis | null>(null);
  const [fixed, setFixed] = useState<FixedAxes>({});
  const [cellSize, setCellSize] = useState(208);
  const [hoverId, setHoverId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useRatingKeys({
    target: () => {
      const job = hoverId === null ? undefined : useBatchStore.getState().findJob(hoverId);
      return job ? [job] : [];
    },
    onError: setError,
  });

  const varied = (batch?.variedAxes ?? []).filter((a): a is MatrixAxis => a !== 'input');
  const candidates = [...new Set<MatrixAxis>([...varied, 'seed', 'style'])];
  // The same defaults the grids written at batch end use (shared/sweep's grid-plan).
  const xAxis: MatrixAxis = x ?? defaultGridAxes(varied).x;
  const yAxis: MatrixAxis = y ?? defaultYAxis(varied, xAxis);
  const input = inputs.find((i) => i.id === inputId) ?? inputs[0];
  const fixedAxes = varied.filter((a) => a !== xAxis && a !== yAxis);
  // The matrix shows one input: the store reads that input's jobs (not the whole batch) and keeps them live.
  const shownInput = load.status === 'ready' ? input?.id : undefined;
  useEffect(() => {
    if (shownInput !== undefined) void useBatchStore.getState().loadInputJobs([shownInput]);
  }, [shownInput]);
  const held = useBatchStore((s) => (input ? s.inputJobs[input.id] : undefined));
  const inputJobs = held ?? NO_JOBS;

  // Every fixed axis holds a value: the chosen one, else the first.
  const fixedKeys: FixedAxes = {};
  for (const axis of fixedAxes) fixedKeys[axis] = fixed[axis] ?? axisValues(inputJobs, axis)[0]?.key ?? '';
  const fixedSig = JSON.stringify(fixedKeys);
  // biome-ignore lint/correctness/useExhaustiveDependencies: fixedSig stands for fixedKeys.
  const table = useMemo(
    () => (input && held ? buildTable(narrowJobs(held, input.id, fixedKeys), xAxis, yAxis) : null),
    [held, input, xAxis, yAxis, fixedSig],
  );

  if (!batchId) {
    return (
      <EmptyState
        title="No batch open"
        action={<Button onClick={() => go('history')}>Open one from history</Button>}
      >
        The matrix shows one batch's results over two of its sweep axes.
      </EmptyState>
    );
  }
  if (load.status === 'error')
    return (
      <EmptyState title="Could not load the batch" tone="error">
        {load.message}
      </EmptyState>
    );
  if (load.status !== 'ready' || !batch || !table || !input)
    return <div className="mx-loading muted">Loading matrix…</div>;

  const axisSelect = (label: string, value: MatrixAxis, set: (a: MatrixAxis) => void, other: MatrixAxis) => (
    <label className="mx-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(e.target.value as MatrixAxis)} aria-label={`${label} axis`}>
        {candidates.map((a) => (
          <option key={a} value={a} disabled={a === other}>
            {AXIS_TITLES[a]}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section className="matrix-view" data-testid="matrix-view">
      <PruneBar batchId={batch.id} />
      <div className="mx-controls">
        <label className="mx-field">
          <span>Input</span>
          <select value={input.id} onChange={(e) => setInputId(Number(e.target.value))} aria-label="Input">
            {inputs.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        {axisSelect('X', xAxis, setX, yAxis)}
        <Button
          size="sm"
          variant="ghost"
          onClick={() => {
            setX(yAxis);
            setY(xAxis);
          }}
          title="Swap axes"
          aria-label="Swap axes"
        >
          ⇄
        </Button>
        {axisSelect('Y', yAxis, setY, xAxis)}
        {fixedAxes.map((axis) => (
          <label key={axis} className="mx-field">
            <span>{AXIS_TITLES[axis]}</span>
            <select
              value={fixedKeys[axis]}
              onChange={(e) => setFixed({ ...fixed, [axis]: e.target.value })}
              aria-label={`${AXIS_TITLES[axis]} (fixed)`}
            >
              {axisValues(inputJobs, axis).map((v) => (
                <option key={v.key} value={v.key}>
                  {v.label.length > 60 ? `${v.label.slice(0, 60)}…` : v.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="mx-field">
          <span>Size</span>
          <input
            type="range"
            min={80}
            max={320}
            step={16}
            value={cellSize}
            onChange={(e) => setCellSize(Number(e.target.value))}
            aria-label="Cell size"
          />
        </label>
        <GridExport batchId={batchId} inputId={input.id} xAxis={xAxis} yAxis={yAxis} />
        <MatrixPicks inputId={input.id} />
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <MatrixTableView
        table={table}
        xAxis={xAxis}
        yAxis={yAxis}
        input={input}
        cellSize={cellSize}
        cap={DISPLAY_CAP}
        onHover={setHoverId}
      />
    </section>
  );
}
