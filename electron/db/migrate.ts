/**
 * Applies pending migrations to an open connection. The schema version lives in `PRAGMA user_version`;
 * each migration runs in its own IMMEDIATE transaction together with the version bump, so a crash
 * leaves the database at the previous version, and two processes opening the same journal cannot both
 * migrate it. A journal written by a newer app is refused instead of being misread.
 */
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations';

/** Thrown when the journal's schema version is higher than any migration this app knows. */
export class JournalTooNewError extends Error {
  override readonly name = 'JournalTooNewError';
  constructor(
    readonly file: string,
    readonly foundVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `${path.basename(file)} was written by a newer Sweep Studio (schema ${foundVersion}, ` +
        `this app knows ${knownVersion}); update the app`,
    );
  }
}

/** Reads `PRAGMA user_version`. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertContiguous(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `migration list is broken: entry ${i} ('${m.name}') has version ${m.version}, expected ${i + 1}`,
      );
    }
  });
}

/**
 * Brings `db` up to the last of `migrations`. Returns the versions applied (empty when up to date).
 * `onStep` runs inside each migration's transaction just before it commits (a crash-test hook).
 * @throws JournalTooNewError when the database is newer than the list.
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[],
  file: string,
  onStep?: (version: number) => void,
): number[] {
  assertContiguous(migrations);
  const known = migrations.length;
  const applied: number[] = [];
  const check = (): number => {
    const found = schemaVersion(db);
    if (found > known) throw new JournalTooNewError(file, found, known);
    return found;
  };
  if (check() === known) return applied;
  for (const m of migrations) {
    const step = db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated since we looked.
      if (check() >= m.version) return false;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
      onStep?.(m.version);
      return true;
    });
    if (step.immediate()) applied.push(m.version);
  }
  return applied;
}
