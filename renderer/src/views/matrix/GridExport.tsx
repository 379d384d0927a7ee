/**
 * The matrix's export (issue 12 §6): "Export grid" writes the labelled grid PNG of the input on screen
 * over the axes on screen — every image of the input, the other varied axes as sections, in the
 * screen's order — beside the batch's outputs as `<batch>/grids/<input>__<x>-by-<y>.png`; "All inputs"
 * writes one per input. In web mode the grid of the input on screen is also downloaded. The batch's
 * grids written so far (at batch end or here) are listed with links.
 */
import type { GridView } from '@shared/contract';
import type { GridAxis } from '@shared/sweep';
import { useCallback, useEffect, useState } from 'react';
import { mediaUrl } from '../../api/media-url';
import { Button } from '../../components/Button';
import { errorText } from '../../components/error-text';
import { useApp } from '../../stores/app-store';
import { useRatings } from '../../stores/ratings-store';
import { AXIS_TITLES } from './matrix-model';

export interface GridExportProps {
  batchId: string;
  inputId: number;
  xAxis: GridAxis;
  yAxis: GridAxis;
}

/** Has the browser save `grid` (web mode: the file lives on the studio's machine, maybe not this one). */
function download(grid: GridView): void {
  const a = document.createElement('a');
  a.href = mediaUrl(grid.media);
  a.download = grid.path.split(/[\\/]/).pop() ?? 'grid.png';
  document.body.append(a);
  a.click();
  a.remove();
}

/** The grid's URL made unique per write: a grid written again keeps its id, and images are cached. */
function fresh(grid: GridView): string {
  const url = mediaUrl(grid.media);
  return `${url}${url.includes('?') ? '&' : '?'}v=${grid.createdAt}`;
}

export function GridExport({ batchId, inputId, xAxis, yAxis }: GridExportProps) {
  const web = useApp((s) => s.info.status === 'ready' && s.info.value.shell === 'web');
  const [grids, setGrids] = useState<GridView[]>([]);
  const [latest, setLatest] = useState<GridView | null>(null);
  const [busy, setBusy] = useState<'one' | 'all' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    setGrids(await useRatings.getState().listGrids(batchId));
  }, [batchId]);
  useEffect(() => {
    setLatest(null);
    reload().catch(() => setGrids([]));
  }, [reload]);

  const write = async (which: 'one' | 'all') => {
    setBusy(which);
    setError(null);
    try {
      const written = await useRatings
        .getState()
        .writeGrids({ batchId, xAxis, yAxis, inputIds: which === 'one' ? [inputId] : undefined });
      const mine = written.grids.find((g) => g.inputId === inputId) ?? written.grids[0] ?? null;
      setLatest(mine);
      if (written.problems.length) setError(written.problems.map((p) => p.message).join('; '));
      if (web && mine) download(mine);
      await reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="mx-grids" data-testid="grid-export">
      <Button
        variant="primary"
        busy={busy === 'one'}
        disabled={busy !== null}
        onClick={() => void write('one')}
        data-testid="matrix-export"
        title={`Every image of this input, ${AXIS_TITLES[xAxis]} across, ${AXIS_TITLES[yAxis]} down; other axes as sections`}
      >
        Export grid
      </Button>
      <Button busy={busy === 'all'} disabled={busy !== null} onClick={() => void write('all')}>
        All inputs
      </Button>
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
      {latest && (
        <div className="mx-exported" data-testid="matrix-exported">
          <a href={mediaUrl(latest.media)} download target="_blank" rel="noreferrer">
            <img src={fresh(latest)} alt="exported grid" />
          </a>
          <div>
            <strong>
              Exported {latest.width}×{latest.height} px
            </strong>
            <div className="mono muted" data-testid="matrix-export-path">
              {latest.path}
            </div>
          </div>
        </div>
      )}
      {grids.length > 0 && (
        <details className="mx-grid-list" data-testid="grid-list">
          <summary className="muted small">
            {grids.length} grid{grids.length === 1 ? '' : 's'} written for this batch
          </summary>
          <ul>
            {grids.map((g) => (
              <li key={g.id}>
                <a href={mediaUrl(g.media)} download>
                  {g.inputName} · {AXIS_TITLES[g.xAxis]} × {AXIS_TITLES[g.yAxis]}
                </a>{' '}
                <span className="muted small">
                  {g.width}×{g.height}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
