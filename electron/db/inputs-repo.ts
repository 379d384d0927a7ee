/**
 * The inputs repository: the source images of a batch in order, what preparation learnt about each
 * (content hash, size, dimensions, format, thumbnail, the API-ready file) or why it failed. A bad
 * input is a row with an error, not a missing row, so the UI can show it next to the good ones.
 */
import type { Database } from 'better-sqlite3';

export interface NewInput {
  /** Order within the batch; the sweep's `inputIndex`. */
  idx: number;
  path: string;
  relPath: string;
  name: string;
  contentHash?: string | null;
  sizeBytes?: number | null;
  width?: number | null;
  height?: number | null;
  format?: string | null;
  thumbnailPath?: string | null;
  preparedPath?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
  /** The input's caption for `{caption}` (sidecar `.txt` or `prompts.csv`), when it has one. */
  caption?: string | null;
  /** The negative column of its `prompts.csv` row, when there is one. */
  negativeCaption?: string | null;
  /** Where the caption came from, e.g. `photo.txt` or `prompts.csv line 3`. */
  captionSource?: string | null;
}

export interface InputRow {
  id: number;
  batchId: string;
  idx: number;
  path: string;
  relPath: string;
  name: string;
  contentHash: string | null;
  sizeBytes: number | null;
  width: number | null;
  height: number | null;
  format: string | null;
  thumbnailPath: string | null;
  preparedPath: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  caption: string | null;
  negativeCaption: string | null;
  captionSource: string | null;
}

export interface PreparedInput {
  contentHash: string;
  sizeBytes: number;
  width: number;
  height: number;
  format: string;
  thumbnailPath: string | null;
  preparedPath: string;
}

interface InputRecord {
  id: number;
  batch_id: string;
  idx: number;
  path: string;
  rel_path: string;
  name: string;
  content_hash: string | null;
  size_bytes: number | null;
  width: number | null;
  height: number | null;
  format: string | null;
  thumbnail_path: string | null;
  prepared_path: string | null;
  error_code: string | null;
  error_message: string | null;
  caption: string | null;
  negative_caption: string | null;
  caption_source: string | null;
}

export interface InputsRepo {
  /** Inserts one input; returns its id. */
  insert(batchId: string, input: NewInput): number;
  /** Inserts inputs in order (joins the caller's transaction or opens one); returns their ids. */
  insertMany(batchId: string, inputs: Iterable<NewInput>): number[];
  get(id: number): InputRow | undefined;
  /** A batch's inputs in `idx` order. */
  listByBatch(batchId: string): InputRow[];
  /** Records a successful preparation and clears any earlier error. */
  recordPrepared(id: number, prepared: PreparedInput): void;
  /** Records why this input cannot be used (its jobs are failed separately by the engine). */
  recordError(id: number, code: string, message: string): void;
  /** Inputs (of any batch) whose original file had this sha256, newest first, at most `limit` (default 20). */
  findByContentHash(contentHash: string, limit?: number): InputRow[];
}

function toInputRow(r: InputRecord): InputRow {
  return {
    id: r.id,
    batchId: r.batch_id,
    idx: r.idx,
    path: r.path,
    relPath: r.rel_path,
    name: r.name,
    contentHash: r.content_hash,
    sizeBytes: r.size_bytes,
    width: r.width,
    height: r.height,
    format: r.format,
    thumbnailPath: r.thumbnail_path,
    preparedPath: r.prepared_path,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    caption: r.caption,
    negativeCaption: r.negative_caption,
    captionSource: r.caption_source,
  };
}

export function createInputsRepo(db: Database): InputsRepo {
  const insertStmt = db.prepare(
    `INSERT INTO inputs (batch_id, idx, path, rel_path, name, content_hash, size_bytes, width, height, format,
       thumbnail_path, prepared_path, error_code, error_message, caption, negative_caption, caption_source)
     VALUES (@batchId, @idx, @path, @relPath, @name, @contentHash, @sizeBytes, @width, @height, @format,
       @thumbnailPath, @preparedPath, @errorCode, @errorMessage, @caption, @negativeCaption, @captionSource)`,
  );
  const byId = db.prepare<[number], InputRecord>('SELECT * FROM inputs WHERE id = ?');
  const byBatch = db.prepare<[string], InputRecord>('SELECT * FROM inputs WHERE batch_id = ? ORDER BY idx');
  const prepared = db.prepare(
    `UPDATE inputs SET content_hash = @contentHash, size_bytes = @sizeBytes, width = @width, height = @height,
       format = @format, thumbnail_path = @thumbnailPath, prepared_path = @preparedPath,
       error_code = NULL, error_message = NULL
     WHERE id = @id`,
  );
  const byHash = db.prepare<[string, number], InputRecord>(
    'SELECT * FROM inputs WHERE content_hash = ? ORDER BY id DESC LIMIT ?',
  );
  const failed = db.prepare<[string, string, number]>(
    'UPDATE inputs SET error_code = ?, error_message = ? WHERE id = ?',
  );

  const insert = (batchId: string, i: NewInput): number =>
    Number(
      insertStmt.run({
        batchId,
        idx: i.idx,
        path: i.path,
        relPath: i.relPath,
        name: i.name,
        contentHash: i.contentHash ?? null,
        sizeBytes: i.sizeBytes ?? null,
        width: i.width ?? null,
        height: i.height ?? null,
        format: i.format ?? null,
        thumbnailPath: i.thumbnailPath ?? null,
        preparedPath: i.preparedPath ?? null,
        errorCode: i.errorCode ?? null,
        errorMessage: i.errorMessage ?? null,
        caption: i.caption ?? null,
        negativeCaption: i.negativeCaption ?? null,
        captionSource: i.captionSource ?? null,
      }).lastInsertRowid,
    );

  return {
    insert,
    insertMany: (batchId, inputs) => db.transaction(() => Array.from(inputs, (i) => insert(batchId, i)))(),
    get(id) {
      const r = byId.get(id);
      return r && toInputRow(r);
    },
    listByBatch: (batchId) => byBatch.all(batchId).map(toInputRow),
    recordPrepared: (id, p) => void prepared.run({ id, ...p }),
    recordError: (id, code, message) => void failed.run(code, message, id),
    findByContentHash: (contentHash, limit = 20) => byHash.all(contentHash, limit).map(toInputRow),
  };
}
