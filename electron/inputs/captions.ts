/**
 * Finds each input's caption on disk: a sidecar text file of the same name (`photo.txt` beside
 * `photo.jpg`), else its row in a `prompts.csv` in its folder or a folder above it up to the root the
 * user chose. What the texts mean is shared/captions' business; this module only lists folders and
 * reads files. Each folder is listed once and each `prompts.csv` parsed once, however many images
 * share them. A file that cannot be read or a malformed CSV becomes a problem naming it (and the CSV
 * line), never a crash; the images it would have captioned simply have none.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  type CaptionTable,
  CaptionTableError,
  captionRowFor,
  PROMPTS_CSV,
  parseCaptionTable,
  sidecarCaption,
} from '@shared/captions';

/** A caption found for one image, and where it came from (`photo.txt`, `prompts.csv line 3`). */
export interface FoundCaption {
  prompt: string;
  negative: string;
  source: string;
}

export interface CaptionProblem {
  path: string;
  message: string;
}

export interface CaptionLookup {
  /** One entry per file given, in order: its caption, or null. */
  captions: (FoundCaption | null)[];
  problems: CaptionProblem[];
}

/** Largest sidecar or `prompts.csv` read; a caption file bigger than this is surely something else. */
const MAX_TEXT_BYTES = 4_000_000;
/** Files read at once. */
const CONCURRENCY = 8;

async function readText(file: string): Promise<string> {
  const info = await stat(file);
  if (info.size > MAX_TEXT_BYTES)
    throw new Error(`is ${info.size} bytes, over the ${MAX_TEXT_BYTES} byte limit`);
  return readFile(file, 'utf8');
}

const reason = (error: unknown) =>
  (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));

/**
 * Looks up the caption of every file. `root` bounds the search for `prompts.csv` upwards (the folder
 * the user chose, or the file's own folder for a file given directly).
 */
export async function readCaptions(files: readonly { path: string; root: string }[]): Promise<CaptionLookup> {
  const problems: CaptionProblem[] = [];
  const listings = new Map<string, Promise<Map<string, string>>>();
  const tables = new Map<string, Promise<CaptionTable | null>>();

  // Folder listing: exact name -> name, plus a lower-case fallback for case-insensitive file systems.
  const listing = (dir: string) => {
    let hit = listings.get(dir);
    if (!hit) {
      hit = readdir(dir).then(
        (names) => {
          const map = new Map<string, string>();
          for (const n of names) if (!map.has(n.toLowerCase())) map.set(n.toLowerCase(), n);
          for (const n of names) map.set(n, n);
          return map;
        },
        () => new Map<string, string>(), // an unlistable folder was reported by the input scan already
      );
      listings.set(dir, hit);
    }
    return hit;
  };
  const find = async (dir: string, name: string) => {
    const names = await listing(dir);
    const actual = names.get(name) ?? names.get(name.toLowerCase());
    return actual === undefined ? null : path.join(dir, actual);
  };
  const table = (file: string) => {
    let hit = tables.get(file);
    if (!hit) {
      hit = readText(file).then(
        (text) => {
          try {
            return parseCaptionTable(text);
          } catch (error) {
            if (!(error instanceof CaptionTableError)) throw error;
            problems.push({
              path: file,
              message: `${file}: ${error.message.replace(`${PROMPTS_CSV} `, '')}`,
            });
            return null;
          }
        },
        (error: unknown) => {
          problems.push({ path: file, message: `${file}: cannot read (${reason(error)})` });
          return null;
        },
      );
      tables.set(file, hit);
    }
    return hit;
  };

  const lookup = async (file: { path: string; root: string }): Promise<FoundCaption | null> => {
    const dir = path.dirname(file.path);
    const stem = path.basename(file.path, path.extname(file.path));
    const sidecar = await find(dir, `${stem}.txt`);
    if (sidecar) {
      try {
        const caption = sidecarCaption(await readText(sidecar));
        if (caption) return { prompt: caption, negative: '', source: path.basename(sidecar) };
        problems.push({
          path: sidecar,
          message: `${sidecar} is empty: ${path.basename(file.path)} has no caption`,
        });
      } catch (error) {
        problems.push({ path: sidecar, message: `${sidecar}: ${reason(error)}` });
      }
    }
    const root = path.resolve(file.root);
    // Only folders between the image and its root; an image outside its root (it should not be) gets its own.
    const inside = path.resolve(dir).startsWith(root);
    for (let folder = dir; ; folder = path.dirname(folder)) {
      const csv = await find(folder, PROMPTS_CSV);
      const rows = csv ? await table(csv) : null;
      const row = rows && captionRowFor(rows, path.relative(folder, file.path).split(path.sep).join('/'));
      if (row && csv) {
        const where = path.relative(root, csv).split(path.sep).join('/') || PROMPTS_CSV;
        return { prompt: row.prompt, negative: row.negative, source: `${where} line ${row.line}` };
      }
      if (!inside || path.resolve(folder) === root || path.dirname(folder) === folder) return null;
    }
  };

  const captions: (FoundCaption | null)[] = new Array(files.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      captions[i] = await lookup(files[i]!);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  // Lookups run concurrently, so problems arrive in whatever order the disk answers: sort them by file.
  problems.sort((a, b) => a.path.localeCompare(b.path) || a.message.localeCompare(b.message));
  return { captions, problems };
}
