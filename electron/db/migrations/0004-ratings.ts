/**
 * Ratings and culling (issue 12 §2, §6): a flag (none / pick / reject) and 0-5 stars on every job, when
 * it was rated, and when a clean-up deleted its output file (the row stays, so the batch still says
 * what was made; media then resolves to nothing and dedupe never reuses it). Plus the labelled grid
 * PNGs written per input, so the UI can list and serve them by id.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE jobs ADD COLUMN flag TEXT NOT NULL DEFAULT 'none' CHECK (flag IN ('none', 'pick', 'reject'));
ALTER TABLE jobs ADD COLUMN stars INTEGER NOT NULL DEFAULT 0 CHECK (stars BETWEEN 0 AND 5);
ALTER TABLE jobs ADD COLUMN rated_at INTEGER;
ALTER TABLE jobs ADD COLUMN output_deleted_at INTEGER;
-- Rated jobs are few next to a batch's size: the counts on history cards and the rating filters read
-- this small partial index instead of the whole batch.
CREATE INDEX jobs_batch_rated ON jobs (batch_id, flag, stars) WHERE flag <> 'none' OR stars > 0;
-- A clean-up deletes a file only when no other live job names it (a reused job shares its source's
-- thumbnail; a copy onto itself shares the output): these answer "who else uses this file".
CREATE INDEX jobs_output_deleted ON jobs (batch_id) WHERE output_deleted_at IS NOT NULL;
CREATE INDEX jobs_output_path ON jobs (output_path) WHERE output_path IS NOT NULL;
CREATE INDEX jobs_thumbnail_path ON jobs (thumbnail_path) WHERE thumbnail_path IS NOT NULL;

-- One labelled X/Y grid PNG per (batch, input, axes), rewritten in place when made again.
CREATE TABLE grids (
  id          INTEGER PRIMARY KEY,
  batch_id    TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  input_id    INTEGER NOT NULL REFERENCES inputs (id) ON DELETE CASCADE,
  x_axis      TEXT NOT NULL,
  y_axis      TEXT NOT NULL,
  path        TEXT NOT NULL,
  width       INTEGER NOT NULL,
  height      INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  UNIQUE (batch_id, input_id, x_axis, y_axis)
) STRICT;
`;

export const ratings: Migration = {
  // Agreed numbering (phase 2): after 0002 (ledger) and 0003 (sweep lineage). It touches only its own
  // columns and table, so it applies the same wherever it is listed.
  version: 4,
  name: 'ratings',
  up(db) {
    db.exec(SQL);
  },
};
