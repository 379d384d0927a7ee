/**
 * The live grid view: halt banner, batch header, filters, the virtualised cards and the job detail
 * drawer, for the batch in `nav.batchId`. The filters go to main (the batch store's query); the rows are
 * laid out from main's counts, and only the pages on screen are held. Click opens a card's detail;
 * Ctrl/⌘-click, Shift-click or Space picks for compare. Keyboard: arrows move the cursor, Enter opens the
 * detail, Space picks, C compares the picks, Esc closes the detail (then clears the picks).
 */

import { STYLE_TYPES, type StyleType } from '@shared/catalogue';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/Button';
import { useApp } from '../../stores/app-store';
import { useBatchStore } from '../../stores/batch-store';
import { useNav } from '../../stores/nav-store';
import { BatchRatingBar } from '../ratings/BatchRatingBar';
import { useRatingKeys } from '../ratings/use-rating-keys';
import { BatchHeader } from './BatchHeader';
import { BatchPicker } from './BatchPicker';
import { FilterBar } from './FilterBar';
import { layoutRows } from './grid-layout';
import { toJobFilter } from './grid-model';
import { useGridPrefs } from './grid-prefs';
import { useGridUi } from './grid-ui-store';
import { JobDetailDrawer } from './JobDetailDrawer';
import { columnsFor, JobGrid } from './JobGrid';
import { OfflineBanner } from './OfflineBanner';
import { PruneBar } from './PruneBar';
import { exposeTestHooks } from './test-hooks';
import { useGridKeys } from './use-grid-keys';
import './grid.css';

exposeTestHooks();

/** The styles a batch's spec sweeps (for the style filter); every style when the spec does not say. */
function specStyles(spec: unknown): StyleType[] {
  const styles = (spec as { styles?: unknown } | null)?.styles;
  const known = Array.isArray(styles) ? STYLE_TYPES.filter((s) => styles.includes(s)) : [];
  return known.length ? known : [...STYLE_TYPES];
}

/** Keeps the jobs the grid watches by id (picks, the open detail) held and live in the batch store. */
function usePinnedPicks(): void {
  const picked = useGridUi((s) => s.picked);
  const detail = useGridUi((s) => s.detailJobId);
  useEffect(() => useBatchStore.getState().pin('picks', picked), [picked]);
  useEffect(() => useBatchStore.getState().pin('detail', detail === null ? [] : [detail]), [detail]);
}

export function GridView() {
  const batchId = useNav((s) => s.batchId);
  const { batch, inputs, load, open, counts, segments } = useBatchStore(
    useShallow((s) => ({
      batch: s.batch,
      inputs: s.inputs,
      load: s.load,
      open: s.open,
      counts: s.counts,
      segments: s.segments,
    })),
  );
  const engine = useApp((s) => s.engine);
  const filter = useGridUi((s) => s.filter);
  const detailJobId = useGridUi((s) => s.detailJobId);
  const cardSize = useGridPrefs((s) => s.cardSize);
  const [width, setWidth] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    useGridUi.getState().forBatch(batchId);
    open(batchId);
  }, [batchId, open]);
  useEffect(() => {
    useBatchStore.getState().setQuery({ filter: toJobFilter(filter), grouped: filter.groupByInput });
  }, [filter]);
  usePinnedPicks();

  const onWidth = useCallback((w: number) => setWidth(w), []);
  const columns = width > 0 ? columnsFor(width, cardSize) : 4;
  const layout = useMemo(() => layoutRows(segments, columns, inputs), [segments, columns, inputs]);
  const styles = useMemo(() => specStyles(batch?.spec), [batch?.spec]);
  useGridKeys(layout);
  // P / X / 1-5 / 0 rate the card under the keyboard cursor (also while its detail is open).
  useRatingKeys({
    target: () => {
      const id = useGridUi.getState().cursorId;
      const job = id === null ? undefined : useBatchStore.getState().findJob(id);
      return job ? [job] : [];
    },
    onError: setError,
  });

  if (!batchId) {
    return (
      <section className="grid-view">
        <BatchPicker />
      </section>
    );
  }
  return (
    <section className="grid-view" data-testid="grid-view">
      {batch && <BatchHeader batch={batch} engine={engine} onError={setError} />}
      {batch && load.status === 'ready' && <BatchRatingBar batch={batch} />}
      <OfflineBanner />
      {error && (
        <p className="gv-toast" role="alert">
          {error}{' '}
          <button type="button" className="gv-link" onClick={() => setError(null)}>
            dismiss
          </button>
        </p>
      )}
      <PruneBar batchId={batchId} />
      {load.status === 'error' && (
        <div className="gv-empty">
          <p className="error">Could not load the batch: {load.message}</p>
          <Button onClick={() => open(batchId)}>Try again</Button>
        </div>
      )}
      {load.status === 'loading' && <div className="gv-empty muted">Loading jobs…</div>}
      {load.status === 'ready' && batch && (
        <>
          <FilterBar batch={batch} counts={counts} inputs={inputs} styles={styles} />
          <div className="grid-body">
            {counts === null ? (
              <div className="gv-empty muted">Loading jobs…</div>
            ) : counts.total === 0 ? (
              <div className="gv-empty muted">
                {batch.total === 0 ? 'This batch has no jobs.' : 'No job matches the filters.'}
              </div>
            ) : (
              <JobGrid layout={layout} onWidth={onWidth} />
            )}
            {detailJobId !== null && <JobDetailDrawer jobId={detailJobId} onError={setError} />}
          </div>
        </>
      )}
    </section>
  );
}
