/**
 * Captions per input image, the pure half. An input's caption is its sidecar text (`photo.txt` next to
 * `photo.jpg`) or its row in a `prompts.csv` (columns: file, prompt, and optionally negative; a header
 * row `file,prompt[,negative]` is allowed) in its folder or a folder above it up to the sweep's root.
 * The sidecar wins when both exist. Captions are literal text: `{a|b}` in a caption means itself,
 * because an input's caption cannot change how many jobs a sweep has.
 *
 * The edge (electron/inputs/captions.ts) finds and reads the files; this module decides what their
 * text means and which input a CSV row names.
 */
import { CsvError, parseCsv } from './csv';

/** The file name of a folder's caption table. */
export const PROMPTS_CSV = 'prompts.csv';

/** Largest caption text accepted from a sidecar or a CSV cell. */
export const MAX_CAPTION_LENGTH = 5_000;

/** One CSV row: the caption of the file it names, and the line it is on. */
export interface CaptionRow {
  prompt: string;
  negative: string;
  line: number;
}

/**
 * A parsed `prompts.csv`: rows by the path they name (relative to the CSV's folder, '/'-separated, NFC).
 * A row written without an extension (`photo`) names any image of that name (`photo.jpg`).
 */
export interface CaptionTable {
  rows: Map<string, CaptionRow>;
}

/** Why a `prompts.csv` cannot be used; `line` is 1-based. */
export class CaptionTableError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`${PROMPTS_CSV} line ${line}: ${message}`);
    this.name = 'CaptionTableError';
  }
}

/** `./a\\b.jpg` -> `a/b.jpg`: how a CSV names a file, made comparable with an input's relative path. */
export function normaliseCaptionPath(file: string): string {
  return file
    .trim()
    .replaceAll('\\', '/')
    .replace(/^(\.\/)+/, '');
}

/** Captions become part of one-line prompts: every run of whitespace (line breaks too) is one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `sub/photo.jpg` -> `sub/photo`. */
function withoutExtension(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  return dot > slash + 1 ? path.slice(0, dot) : path;
}

const isHeader = (fields: string[]) =>
  fields[0]?.trim().toLowerCase() === 'file' && fields[1]?.trim().toLowerCase() === 'prompt';

/**
 * Parses a `prompts.csv`. Throws `CaptionTableError` naming the line for a malformed CSV, a row with
 * fewer than 2 or more than 3 columns, an empty file cell, an empty or over-long prompt, or a file
 * named twice.
 */
export function parseCaptionTable(text: string): CaptionTable {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError)
      throw new CaptionTableError(error.message.replace(/^line \d+: /, ''), error.line);
    throw error;
  }
  const rows = new Map<string, CaptionRow>();
  records.forEach(({ line, fields }, k) => {
    if (k === 0 && isHeader(fields)) return;
    if (fields.length < 2 || fields.length > 3) {
      throw new CaptionTableError(
        `expected 2 or 3 columns (file, prompt[, negative]), found ${fields.length}`,
        line,
      );
    }
    const file = normaliseCaptionPath(fields[0]!);
    const prompt = oneLine(fields[1]!);
    const negative = oneLine(fields[2] ?? '');
    if (file === '') throw new CaptionTableError('the file column is empty', line);
    if (prompt === '') throw new CaptionTableError(`the prompt for "${file}" is empty`, line);
    if (prompt.length > MAX_CAPTION_LENGTH || negative.length > MAX_CAPTION_LENGTH) {
      throw new CaptionTableError(`a caption longer than ${MAX_CAPTION_LENGTH} characters`, line);
    }
    const earlier = rows.get(file.normalize('NFC'));
    if (earlier)
      throw new CaptionTableError(`"${file}" is listed again (first on line ${earlier.line})`, line);
    rows.set(file.normalize('NFC'), { prompt, negative, line });
  });
  return { rows };
}

/**
 * The row of `table` for the file at `relPath` (relative to the CSV's folder): by exact path, else by
 * file name without extension when the CSV leaves extensions out (`photo` for `photo.jpg`).
 */
export function captionRowFor(table: CaptionTable, relPath: string): CaptionRow | null {
  const path = relPath.normalize('NFC');
  return table.rows.get(path) ?? table.rows.get(withoutExtension(path)) ?? null;
}

/**
 * A sidecar file's caption: its text on one line (a byte-order mark dropped); null when it is blank.
 * Throws a RangeError when it is longer than `MAX_CAPTION_LENGTH`.
 */
export function sidecarCaption(text: string): string | null {
  const caption = oneLine(text.replace(/^\uFEFF/, ''));
  if (caption.length > MAX_CAPTION_LENGTH) {
    throw new RangeError(`is longer than ${MAX_CAPTION_LENGTH} characters`);
  }
  return caption === '' ? null : caption;
}
