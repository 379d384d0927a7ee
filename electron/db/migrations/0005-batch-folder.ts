/**
 * Schema 0005 (P, studio polish): where a batch's outputs go by name, and what it ran on. `folder` is the
 * value of the naming template's `{batch}` token — the batch's name slugged and made unique in its
 * output folder ("crash test" -> `crash-test`, then `crash-test-2`); null for batches made before, which
 * keep their id there so their outputs stay where they are. `backend` says whether the batch's jobs ran
 * on the simulator, on Segmind, or on both (a key added mid-batch); null when not known (older batches).
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE batches ADD COLUMN folder TEXT;
ALTER TABLE batches ADD COLUMN backend TEXT CHECK (backend IS NULL OR backend IN ('simulator', 'segmind', 'mixed'));
-- "Is this folder name taken under this output folder?" when a batch is created.
CREATE INDEX batches_folder ON batches (output_dir, folder) WHERE folder IS NOT NULL;
`;

export const batchFolder: Migration = {
  // Agreed numbering (phase 3): P's migration is 0005, after M2's 0004 (ratings); versions equal the
  // place in the list (migrate.ts checks it).
  version: 5,
  name: 'batch-folder',
  up(db) {
    db.exec(SQL);
  },
};
