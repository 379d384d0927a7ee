/**
 * Every migration this app knows, listed explicitly and in order (no directory scanning, so bundling
 * cannot drop one). Append new ones; never reorder or edit a released one.
 */
import { initial } from './0001-initial';
import { ledger } from './0002-ledger';
import { sweepLineage } from './0003-sweep-lineage';
import { ratings } from './0004-ratings';
import { batchFolder } from './0005-batch-folder';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [initial, ledger, sweepLineage, ratings, batchFolder];

/** The schema version a fully migrated journal has. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
