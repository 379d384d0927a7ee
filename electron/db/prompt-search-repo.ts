/**
 * Full-text search over the prompts batches were created with (the FTS5 table `prompt_search`, which
 * triggers on `batches` keep current). For the history view: type words, get the batches that used them.
 */
import type { Database } from 'better-sqlite3';

export interface PromptHit {
  batchId: string;
  prompt: string;
  /** The prompt with matches wrapped in [ and ]. */
  highlighted: string;
}

export interface PromptSearchRepo {
  /** Best matches first; every word must match, the last one as a prefix. `limit` default 50. */
  search(text: string, limit?: number): PromptHit[];
}

/**
 * Turns free text into a safe FTS5 query: each word quoted (so `AND`, `-`, `:` or quotes typed by the
 * user are plain text, never syntax), the last one a prefix so results follow typing.
 */
export function toFtsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_]+/gu);
  if (!words) return null;
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}

export function createPromptSearchRepo(db: Database): PromptSearchRepo {
  const query = db.prepare<[string, number], { batch_id: string; prompt: string; highlighted: string }>(
    `SELECT batch_id, prompt, highlight(prompt_search, 0, '[', ']') AS highlighted
     FROM prompt_search WHERE prompt_search MATCH ? ORDER BY rank LIMIT ?`,
  );
  return {
    search(text, limit = 50) {
      const q = toFtsQuery(text);
      if (!q) return [];
      return query
        .all(q, limit)
        .map((r) => ({ batchId: r.batch_id, prompt: r.prompt, highlighted: r.highlighted }));
    },
  };
}
