/**
 * Schema 1: batches, their inputs, the jobs a sweep expands into, a per-job event log, settings, and an
 * FTS5 index over each batch's prompts for the history search. Every table is STRICT; times are integer
 * milliseconds since the epoch (UTC) so they sort, subtract and compare without parsing.
 */
import type { Migration } from './migration';

const SQL = /* sql */ `
-- state: draft | running | paused | halted | completed | cancelled (see batches-repo.ts for the transitions).
CREATE TABLE batches (
  id           TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  spec_json    TEXT NOT NULL CHECK (json_valid(spec_json)),
  output_dir   TEXT NOT NULL,
  template     TEXT NOT NULL,
  dedupe       INTEGER NOT NULL DEFAULT 1 CHECK (dedupe IN (0, 1)),
  priority     INTEGER NOT NULL DEFAULT 0,
  state        TEXT NOT NULL DEFAULT 'draft'
               CHECK (state IN ('draft', 'running', 'paused', 'halted', 'completed', 'cancelled')),
  halt_reason  TEXT,
  created_at   INTEGER NOT NULL,
  started_at   INTEGER,
  finished_at  INTEGER,
  job_count    INTEGER NOT NULL DEFAULT 0
) STRICT;
-- The scheduler asks for running batches by priority, the history view lists by creation time.
CREATE INDEX batches_state_priority ON batches (state, priority DESC, created_at);
CREATE INDEX batches_created ON batches (created_at DESC);

CREATE TABLE inputs (
  id              INTEGER PRIMARY KEY,
  batch_id        TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  idx             INTEGER NOT NULL,
  path            TEXT NOT NULL,
  rel_path        TEXT NOT NULL,
  name            TEXT NOT NULL,
  content_hash    TEXT,
  size_bytes      INTEGER,
  width           INTEGER,
  height          INTEGER,
  format          TEXT,
  thumbnail_path  TEXT,
  prepared_path   TEXT,
  error_code      TEXT,
  error_message   TEXT,
  UNIQUE (batch_id, idx)
) STRICT;

CREATE TABLE jobs (
  id                  INTEGER PRIMARY KEY,
  batch_id            TEXT NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  input_id            INTEGER NOT NULL REFERENCES inputs (id) ON DELETE CASCADE,
  ordinal             INTEGER NOT NULL,
  key                 TEXT NOT NULL,
  prompt              TEXT NOT NULL,
  prompt_index        INTEGER NOT NULL,
  negative_prompt     TEXT NOT NULL DEFAULT '',
  seed                INTEGER NOT NULL,
  style               TEXT NOT NULL,
  resolution          TEXT NOT NULL,
  image_weight        INTEGER NOT NULL,
  magic_prompt        TEXT NOT NULL,
  palette_json        TEXT CHECK (palette_json IS NULL OR json_valid(palette_json)),
  state               TEXT NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'submitting', 'queued', 'processing', 'completed', 'failed',
                                       'cancelled', 'skipped_duplicate')),
  attempts            INTEGER NOT NULL DEFAULT 0,
  request_id          TEXT,
  status_url          TEXT,
  response_url        TEXT,
  submitted_at        INTEGER,
  started_at          INTEGER,
  finished_at         INTEGER,
  inference_time_sec  REAL,
  error_code          TEXT,
  error_message       TEXT,
  output_path         TEXT,
  thumbnail_path      TEXT,
  reused_from_job_id  INTEGER REFERENCES jobs (id) ON DELETE SET NULL,
  updated_at          INTEGER NOT NULL,
  UNIQUE (batch_id, ordinal)
) STRICT;
-- Pending jobs of a batch in ordinal order, and counts per state of a batch (covering).
CREATE INDEX jobs_batch_state_ordinal ON jobs (batch_id, state, ordinal);
-- Dedupe only ever looks for a completed job with the same key; a partial index costs nothing on insert.
CREATE INDEX jobs_completed_key ON jobs (key) WHERE state = 'completed';
-- Restart recovery scans in-flight jobs across all batches; few rows, so a tiny partial index.
CREATE INDEX jobs_in_flight ON jobs (state) WHERE state IN ('submitting', 'queued', 'processing');
CREATE INDEX jobs_input ON jobs (input_id);
CREATE INDEX jobs_reused_from ON jobs (reused_from_job_id) WHERE reused_from_job_id IS NOT NULL;

-- kind: state (a transition) | attempt | http | note.
CREATE TABLE job_events (
  id           INTEGER PRIMARY KEY,
  job_id       INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  at           INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('state', 'attempt', 'http', 'note')),
  from_state   TEXT,
  to_state     TEXT,
  detail_json  TEXT CHECK (detail_json IS NULL OR json_valid(detail_json))
) STRICT;
CREATE INDEX job_events_job ON job_events (job_id, id);

-- Never holds the API key (settings-repo refuses such keys); that lives in the OS keychain.
CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value_json  TEXT NOT NULL CHECK (json_valid(value_json))
) STRICT;

-- Full-text search over the prompts a batch was created with (the templates, e.g. 'a {red|blue} coat':
-- unicode61 splits on the braces and bars, so every permutation's words are findable without indexing
-- each of 100,000 expanded job prompts). Kept in step with batches by triggers.
CREATE VIRTUAL TABLE prompt_search USING fts5 (
  prompt,
  batch_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER batches_prompts_insert AFTER INSERT ON batches BEGIN
  INSERT INTO prompt_search (prompt, batch_id)
    SELECT value, new.id FROM json_each(new.spec_json, '$.prompts') WHERE type = 'text';
END;
CREATE TRIGGER batches_prompts_update AFTER UPDATE OF spec_json ON batches BEGIN
  DELETE FROM prompt_search WHERE batch_id = old.id;
  INSERT INTO prompt_search (prompt, batch_id)
    SELECT value, new.id FROM json_each(new.spec_json, '$.prompts') WHERE type = 'text';
END;
CREATE TRIGGER batches_prompts_delete AFTER DELETE ON batches BEGIN
  DELETE FROM prompt_search WHERE batch_id = old.id;
END;
`;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(SQL);
  },
};
