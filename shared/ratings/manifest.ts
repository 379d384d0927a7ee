/**
 * The manifest "Export picks…" writes beside the exported files, in two forms: JSON (exact values, for
 * scripts) and CSV (for a spreadsheet). One row per exported result: every generation parameter, the
 * input it came from, its rating and both paths (where the studio wrote it, where the export put it).
 * Pure: main gathers the rows and writes the text.
 */
import type { Flag } from './rating';

/** One exported result. */
export interface ManifestEntry {
  jobId: number;
  batchId: string;
  batchName: string;
  ordinal: number;
  inputName: string;
  inputRelPath: string;
  inputPath: string;
  inputHash: string;
  /** The input's caption (`{caption}`), '' when it has none. */
  inputCaption: string;
  prompt: string;
  negativePrompt: string;
  seed: number;
  style: string;
  resolution: string;
  /** The size was chosen by "match each input" (from the input's shape) rather than given. */
  resolutionMatched: boolean;
  imageWeight: number;
  magicPrompt: string;
  /** The palette as JSON (`null` for none). */
  palette: string;
  flag: Flag;
  stars: number;
  /** Where the studio wrote the output. */
  sourcePath: string;
  /** Where the export put it. */
  exportedPath: string;
  /** A hard link to the same bytes, or a byte copy (another volume, or links refused). */
  transfer: 'link' | 'copy';
  jobKey: string;
  requestId: string;
  inferenceTimeSec: number | null;
}

/** The CSV columns, in order: each entry field once. */
export const MANIFEST_COLUMNS: readonly (keyof ManifestEntry)[] = [
  'jobId',
  'batchId',
  'batchName',
  'ordinal',
  'inputName',
  'inputRelPath',
  'inputPath',
  'inputHash',
  'inputCaption',
  'prompt',
  'negativePrompt',
  'seed',
  'style',
  'resolution',
  'resolutionMatched',
  'imageWeight',
  'magicPrompt',
  'palette',
  'flag',
  'stars',
  'sourcePath',
  'exportedPath',
  'transfer',
  'jobKey',
  'requestId',
  'inferenceTimeSec',
];

export interface Manifest {
  batchId: string;
  batchName: string;
  /** Epoch ms. */
  exportedAt: number;
  /** What was exported, e.g. `pick` or `stars-3` (a RatingFilter). */
  selection: string;
  entries: ManifestEntry[];
}

/**
 * A spreadsheet would run a cell starting with one of these as a formula (CSV injection); such cells
 * get a leading apostrophe in the CSV. The JSON keeps the exact text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: RFC 4180 quoting (quotes doubled; quoted when it holds a comma, quote or line break). */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The manifest as CSV: a header row, then one row per entry, CRLF line ends (RFC 4180). */
export function manifestCsv(entries: readonly ManifestEntry[]): string {
  const lines = [MANIFEST_COLUMNS.join(',')];
  for (const entry of entries) lines.push(MANIFEST_COLUMNS.map((c) => csvField(entry[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The manifest as pretty JSON. */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
