/**
 * The grids repository: the labelled X/Y grid PNGs written per input of a batch (one row per batch,
 * input and pair of axes; writing the same grid again replaces its row), so the UI can list them and
 * media can serve them by id.
 */
import type { Database } from 'better-sqlite3';

export interface GridRow {
  id: number;
  batchId: string;
  inputId: number;
  xAxis: string;
  yAxis: string;
  path: string;
  width: number;
  height: number;
  createdAt: number;
}

export type NewGrid = Omit<GridRow, 'id' | 'createdAt'>;

export interface GridsRepo {
  /** Records a grid written to `path` (replacing the row for the same batch, input and axes); returns it. */
  put(grid: NewGrid, at?: number): GridRow;
  get(id: number): GridRow | undefined;
  /** A batch's grids, by input then axes. */
  listByBatch(batchId: string): GridRow[];
}

interface GridRecord {
  id: number;
  batch_id: string;
  input_id: number;
  x_axis: string;
  y_axis: string;
  path: string;
  width: number;
  height: number;
  created_at: number;
}

const toRow = (r: GridRecord): GridRow => ({
  id: r.id,
  batchId: r.batch_id,
  inputId: r.input_id,
  xAxis: r.x_axis,
  yAxis: r.y_axis,
  path: r.path,
  width: r.width,
  height: r.height,
  createdAt: r.created_at,
});

export function createGridsRepo(db: Database, now: () => number): GridsRepo {
  const upsert = db.prepare<Record<string, string | number>, GridRecord>(
    `INSERT INTO grids (batch_id, input_id, x_axis, y_axis, path, width, height, created_at)
     VALUES (@batchId, @inputId, @xAxis, @yAxis, @path, @width, @height, @at)
     ON CONFLICT (batch_id, input_id, x_axis, y_axis) DO UPDATE SET
       path = excluded.path, width = excluded.width, height = excluded.height, created_at = excluded.created_at
     RETURNING *`,
  );
  const one = db.prepare<[number], GridRecord>('SELECT * FROM grids WHERE id = ?');
  const ofBatch = db.prepare<[string], GridRecord>(
    'SELECT * FROM grids WHERE batch_id = ? ORDER BY input_id, x_axis, y_axis',
  );
  return {
    put: (grid, at = now()) => toRow(upsert.get({ ...grid, at })!),
    get: (id) => {
      const r = one.get(id);
      return r && toRow(r);
    },
    listByBatch: (batchId) => ofBatch.all(batchId).map(toRow),
  };
}
