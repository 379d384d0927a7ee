import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalTooNewError, LATEST_SCHEMA_VERSION, openJournal } from '../../../electron/db';
import { journalPath } from '../../../electron/db/data-dir';
import { migrate } from '../../../electron/db/migrate';
import { MIGRATIONS } from '../../../electron/db/migrations';
import { makeTempDir, openTempJournal, seedBatch, type TempJournal } from './journal-fixture';

const EXPECTED_COLUMNS: Record<string, string[]> = {
  batches: [
    'id',
    'name',
    'spec_json',
    'output_dir',
    'template',
    'dedupe',
    'priority',
    'state',
    'halt_reason',
    'created_at',
    'started_at',
    'finished_at',
    'job_count',
    'pause_reason',
    'pause_code',
    'max_spend_usd',
    'estimated_usd',
    'parent_batch_id',
    'parent_job_id',
    'folder',
    'backend',
  ],
  inputs: [
    'id',
    'batch_id',
    'idx',
    'path',
    'rel_path',
    'name',
    'content_hash',
    'size_bytes',
    'width',
    'height',
    'format',
    'thumbnail_path',
    'prepared_path',
    'error_code',
    'error_message',
    'caption',
    'negative_caption',
    'caption_source',
  ],
  jobs: [
    'id',
    'batch_id',
    'input_id',
    'ordinal',
    'key',
    'prompt',
    'prompt_index',
    'negative_prompt',
    'seed',
    'style',
    'resolution',
    'image_weight',
    'magic_prompt',
    'palette_json',
    'state',
    'attempts',
    'request_id',
    'status_url',
    'response_url',
    'submitted_at',
    'started_at',
    'finished_at',
    'inference_time_sec',
    'error_code',
    'error_message',
    'output_path',
    'thumbnail_path',
    'reused_from_job_id',
    'updated_at',
    'negative_index',
    'resolution_matched',
    'flag',
    'stars',
    'rated_at',
    'output_deleted_at',
  ],
  job_events: ['id', 'job_id', 'at', 'kind', 'from_state', 'to_state', 'detail_json'],
  settings: ['key', 'value_json'],
  ledger_entries: [
    'id',
    'request_id',
    'job_id',
    'batch_id',
    'backend',
    'outcome',
    'opened_at',
    'settled_at',
    'cost_usd',
    'cost_source',
    'remaining_credits',
  ],
  grids: ['id', 'batch_id', 'input_id', 'x_axis', 'y_axis', 'path', 'width', 'height', 'created_at'],
};

const dirs: string[] = [];
let t: TempJournal | undefined;
afterEach(() => {
  t?.cleanup();
  t = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function raw(file: string): Database.Database {
  return new Database(file);
}

describe('journal schema', () => {
  it('migrates an empty database to the latest version with STRICT tables and the expected columns', () => {
    t = openTempJournal();
    expect(t.journal.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(t.journal.appliedMigrations).toEqual(MIGRATIONS.map((m) => m.version));
    t.journal.close();
    const db = raw(t.file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const tables = db.prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main'").all() as {
        name: string;
        strict: number;
      }[];
      for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
        expect(tables.find((x) => x.name === table)?.strict, `${table} is STRICT`).toBe(1);
        const actual = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
        expect(actual, `columns of ${table}`).toEqual(columns);
      }
      expect(tables.some((x) => x.name === 'prompt_search')).toBe(true);
      const indexes = (
        db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index'").all() as { name: string }[]
      ).map((r) => r.name);
      expect(indexes).toEqual(
        expect.arrayContaining(['jobs_batch_state_ordinal', 'jobs_completed_key', 'jobs_in_flight']),
      );
    } finally {
      db.close();
    }
  });

  it('uses the indexes for the scheduler hot queries', () => {
    t = openTempJournal();
    seedBatch(t.journal);
    t.journal.close();
    const db = raw(t.file);
    try {
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
          .map((r) => r.detail)
          .join('\n');
      expect(
        plan(
          "SELECT * FROM jobs WHERE batch_id = 'x' AND state = 'pending' AND ordinal > 3 ORDER BY ordinal LIMIT 5",
        ),
      ).toContain('jobs_batch_state_ordinal');
      expect(
        plan("SELECT * FROM jobs WHERE key = 'k' AND state = 'completed' ORDER BY finished_at DESC LIMIT 1"),
      ).toContain('jobs_completed_key');
      expect(plan("SELECT state, count(*) FROM jobs WHERE batch_id = 'x' GROUP BY state")).toContain(
        'COVERING INDEX jobs_batch_state_ordinal',
      );
      // The ledger's count of ambiguous submits reads only the notes' partial index, never every event.
      const notes = "kind = 'note' AND json_extract(detail_json, '$.ambiguousSubmit') = 1";
      expect(
        plan(
          `SELECT count(*) FROM job_events CROSS JOIN jobs j ON j.id = job_events.job_id WHERE ${notes} AND j.batch_id = 'x'`,
        ),
      ).toContain('USING INDEX job_events_ambiguous_submit');
      expect(plan("SELECT count(*) FROM ledger_entries e WHERE e.batch_id = 'x'")).toContain(
        'ledger_entries_batch',
      );
    } finally {
      db.close();
    }
  });

  it('enforces STRICT types, CHECK constraints and foreign keys', () => {
    t = openTempJournal();
    const { batchId } = seedBatch(t.journal);
    // foreign_keys is per connection: prove the journal's own connection enforces it.
    expect(() =>
      t!.journal.inputs.insert('no-such-batch', { idx: 0, path: '/a', relPath: 'a', name: 'a' }),
    ).toThrow(/FOREIGN KEY/);
    t.journal.close();
    const db = raw(t.file);
    try {
      expect(() => db.prepare("UPDATE batches SET priority = 'high' WHERE id = ?").run(batchId)).toThrow(
        /cannot store TEXT value in INTEGER column/,
      );
      expect(() => db.prepare("UPDATE jobs SET state = 'exploded'").run()).toThrow(/CHECK constraint/);
      expect(() => db.prepare("UPDATE batches SET spec_json = '{not json'").run()).toThrow(
        /CHECK constraint/,
      );
    } finally {
      db.close();
    }
  });

  it('does nothing when reopening a current journal', () => {
    t = openTempJournal();
    t.journal.close();
    const again = openJournal({ file: t.file });
    expect(again.appliedMigrations).toEqual([]);
    expect(again.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    again.close();
  });

  it('refuses a journal written by a newer app, without touching it', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const file = journalPath(dir);
    const db = raw(file);
    db.pragma('user_version = 7');
    db.close();
    let error: unknown;
    try {
      openJournal({ file });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JournalTooNewError);
    expect((error as Error).message).toBe(
      `journal.sqlite was written by a newer Sweep Studio (schema 7, this app knows ${LATEST_SCHEMA_VERSION}); update the app`,
    );
    const check = raw(file);
    expect(check.pragma('user_version', { simple: true })).toBe(7);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'jobs'").get()).toEqual({
      n: 0,
    });
    check.close();
  });

  it('rolls a failing migration back completely and keeps the previous version', () => {
    const db = new Database(':memory:');
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'broken',
        up(d: Database.Database) {
          d.exec('CREATE TABLE half_done (x INTEGER) STRICT');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, broken, 'mem')).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it('rejects a migration list with a gap', () => {
    const db = new Database(':memory:');
    const gap = [{ version: 2, name: 'skipped-one', up() {} }];
    expect(() => migrate(db, gap, 'mem')).toThrow(/expected 1/);
    db.close();
  });
});
