/**
 * Schema 3, the sweep side of the artist's morning: where a batch came from (the batch and job a
 * "Sweep around this…" or a re-run started from; cleared when that batch or job is deleted), how each
 * job's size was chosen (`resolution_matched`: the `match` choice picked `resolution` from the input's
 * shape), which negative-prompt variant a job has (`negative_index`, as `prompt_index`; -1 for jobs
 * made before negative prompts had permutations), and each input's caption with where it came from
 * (`photo.txt`, or `prompts.csv` line 3) so the batch shows what its `{caption}` jobs were given.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
ALTER TABLE batches ADD COLUMN parent_batch_id TEXT REFERENCES batches (id) ON DELETE SET NULL;
ALTER TABLE batches ADD COLUMN parent_job_id INTEGER REFERENCES jobs (id) ON DELETE SET NULL;
-- A parent's deletion clears its children's link (ON DELETE SET NULL looks children up by this).
CREATE INDEX batches_parent ON batches (parent_batch_id) WHERE parent_batch_id IS NOT NULL;
CREATE INDEX batches_parent_job ON batches (parent_job_id) WHERE parent_job_id IS NOT NULL;

ALTER TABLE jobs ADD COLUMN negative_index INTEGER NOT NULL DEFAULT -1;
ALTER TABLE jobs ADD COLUMN resolution_matched INTEGER NOT NULL DEFAULT 0 CHECK (resolution_matched IN (0, 1));

ALTER TABLE inputs ADD COLUMN caption TEXT;
ALTER TABLE inputs ADD COLUMN negative_caption TEXT;
ALTER TABLE inputs ADD COLUMN caption_source TEXT;
-- A re-run from a PNG finds its source image by the sha256 the PNG records. 0002-ledger makes the very
-- same index (reuse lookups by content): whichever migration runs first creates it.
CREATE INDEX IF NOT EXISTS inputs_content_hash ON inputs (content_hash) WHERE content_hash IS NOT NULL;
`;

export const sweepLineage: Migration = {
  // Agreed numbering (phase 2): 0002 is the ledger's, so this is version 3, listed after `ledger`.
  // It touches only its own columns (the shared content-hash index is IF NOT EXISTS).
  version: 3,
  name: 'sweep-lineage',
  up(db) {
    db.exec(SQL);
  },
};
