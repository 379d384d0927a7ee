/**
 * Schema 2, the money ledger: one entry per request Segmind accepted (request id stored) saying what it
 * cost once its outcome is known — billed (COMPLETED: the answer's `cost`, else the price setting) or
 * not billed (FAILED). (A submit whose answer was lost has no request id: it is a note on its job,
 * `ambiguousSubmit`, which the ledger counts.) Entries outlive their batch and job (SET NULL): money spent stays spent, so the month's figure and
 * the daily/monthly caps do not shrink when History is cleaned up. Batches gain a reason (and a code)
 * for a pause the engine made itself (spend cap reached; review checkpoints reuse it), a spend cap,
 * and the spend estimated when they were created; inputs an index by content hash for that estimate.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
-- outcome: open (accepted, outcome not seen yet) | billed | not_billed (FAILED).
-- backend: which API the request went to; simulated dollars are never mixed with real ones.
CREATE TABLE ledger_entries (
  id                 INTEGER PRIMARY KEY,
  request_id         TEXT NOT NULL UNIQUE,
  job_id             INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
  batch_id           TEXT REFERENCES batches (id) ON DELETE SET NULL,
  backend            TEXT NOT NULL CHECK (backend IN ('simulator', 'segmind')),
  outcome            TEXT NOT NULL CHECK (outcome IN ('open', 'billed', 'not_billed')),
  opened_at          INTEGER NOT NULL,
  settled_at         INTEGER,
  cost_usd           REAL CHECK (cost_usd IS NULL OR cost_usd >= 0),
  cost_source        TEXT CHECK (cost_source IS NULL OR cost_source IN ('answer', 'price')),
  remaining_credits  REAL
) STRICT;
-- A batch's ledger; the open entries the spend cap counts; a period's billed dollars per backend.
CREATE INDEX ledger_entries_batch ON ledger_entries (batch_id, outcome);
CREATE INDEX ledger_entries_open ON ledger_entries (outcome, opened_at) WHERE outcome = 'open';
CREATE INDEX ledger_entries_billed ON ledger_entries (backend, settled_at) WHERE outcome = 'billed';

-- pause_reason / pause_code: set only while paused by the engine (code 'spend_cap'), null for a user's pause.
ALTER TABLE batches ADD COLUMN pause_reason TEXT;
ALTER TABLE batches ADD COLUMN pause_code TEXT;
ALTER TABLE batches ADD COLUMN max_spend_usd REAL CHECK (max_spend_usd IS NULL OR max_spend_usd >= 0);
ALTER TABLE batches ADD COLUMN estimated_usd REAL CHECK (estimated_usd IS NULL OR estimated_usd >= 0);

-- The ledger counts ambiguous submits (the job runner's notes) per batch and period: few rows, a tiny index.
CREATE INDEX job_events_ambiguous_submit ON job_events (at)
  WHERE kind = 'note' AND json_extract(detail_json, '$.ambiguousSubmit') = 1;

-- The cost estimate asks "has this photo been generated from before?" per input before it looks up keys.
-- 0003-sweep-lineage makes the very same index (a PNG re-run finds its source): whichever runs first.
CREATE INDEX IF NOT EXISTS inputs_content_hash ON inputs (content_hash) WHERE content_hash IS NOT NULL;
`;

export const ledger: Migration = {
  version: 2,
  name: 'ledger',
  up(db) {
    db.exec(SQL);
  },
};
