/**
 * The shape of one schema migration. Migrations are forward-only: each moves the database from
 * `version - 1` to `version` and is never edited once released; a fix is a new, higher-numbered file.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** Becomes `PRAGMA user_version` once applied; 1, 2, 3… without gaps. */
  version: number;
  /** Short label for logs and errors, matches the file name (`0001-initial.ts` -> 'initial'). */
  name: string;
  /** Runs inside the migration's transaction; must not open its own. */
  up(db: Database): void;
}
