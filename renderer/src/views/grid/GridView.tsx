/**
 * The live grid view: halt banner, batch header, filters, the virtualised cards and the job detail
 * drawer, for the batch in `nav.batchId`. Keyboard: arrows move the cursor, Enter opens the detail,
 * Space picks for compare, C compares the picks, Esc closes the detail (then clears the picks).
 */

import type { StyleType } from '@shared/catalogue';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../../stores/app-store';
import { useBatchStore } from '../../stores/batch-store';
import { useNav } from '../../stores/nav-store';
import { BatchRatingBar } from '../ratings/BatchRatingBar';
import { useRatingKeys } from '../ratings/use-rating-keys';
import { BatchHeader } from './BatchHeader';
import { BatchPicker } from './BatchPicker';
import { FilterBar } from './FilterBar';
import { filterJobs, layoutRows } from './grid-model';
import { useGridUi } from './grid-ui-store';
import { JobDetailDrawer } from './JobDetailDrawer';
import { columnsFor, JobGrid } from './JobGrid';
import { OfflineBanner } from './OfflineBanner';
import { PruneBar } from './PruneBar';
import { exposeTestHooks } from './test-hooks';
import { useGridKeys } from './use-grid-keys';
import './grid.css';
import { Button } from '../../components/Button';

exposeTestHooks();

export function GridView() {
  const batchId = useNav((s) => s.batchId);
  const { batch, jobs, inputs, load, open } = useBatchStore(
    useShallow((s) => ({ batch: s.batch, jobs: s.jobs, inputs: s.inputs, load: s.load, open: s.open })),
  );
  const engine = useApp((s) => s.engine);
  const filter = useGridUi((s) => s.filter);
  const detailJobId = useGridUi((s) => s.detailJobId);
  const [columns, setColumns] = useState(4);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    useGridUi.getState().forBatch(batchId);
    open(batchId);
  }, [batchId, open]);

  const onWidth = useCallback((w: number) => setColumns(columnsFor(w)), []);
  const shown = useMemo(() => filterJobs(jobs, filter), [jobs, filter]);
  const layout = useMemo(
    () => layoutRows(shown, columns, filter.groupByInput, inputs),
    [shown, columns, filter.groupByInput, inputs],
  );
  const styles = useMemo(() => [...new Set(jobs.map((j) => j.style))] as StyleType[], [jobs]);
  useGridKeys(layout);
  // P / X / 1-5 / 0 rate the card under the keyboard cursor (also while its detail is open).
  useRatingKeys({
    target: () => {
      const id = useGridUi.getState().cursorId;
      const job = id === null ? undefined : layout.order.find((j) => j.id === id);
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
      {load.status === 'ready' && (
        <>
          <FilterBar jobs={jobs} shown={shown.length} inputs={inputs} styles={styles} />
          <div className="grid-body">
            {shown.length === 0 ? (
              <div className="gv-empty muted">
                {jobs.length === 0 ? 'This batch has no jobs.' : 'No job matches the filters.'}
              </div>
            ) : (
              <JobGrid layout={layout} columns={columns} onWidth={onWidth} />
            )}
            {detailJobId !== null && <JobDetailDrawer jobId={detailJobId} onError={setError} />}
          </div>
        </>
      )}
    </section>
  );
}
