/**
 * Reads the wildcard files a sweep's prompts use (`__colour__` -> `colour.txt`) and puts their options
 * into the spec as `wildcards`, so the pure expansion (shared/sweep) never touches disk and the stored
 * spec records exactly what was drawn from. Folders are searched in order: each input folder's own
 * `wildcards/` (the most specific), then the studio's wildcards folder (setting `wildcardsDir`,
 * default `<data>/wildcards`). A missing or empty file is an issue naming the file and the folders
 * searched, on the prompt that uses it.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FieldIssue } from '@shared/catalogue';
import { parseWildcardFile, wildcardNames } from '@shared/sweep';

/** The sub-folder of an input folder that holds that folder's own wildcard files. */
export const INPUT_WILDCARDS_FOLDER = 'wildcards';
/** Largest wildcard file read. */
const MAX_WILDCARD_BYTES = 2_000_000;

/**
 * The folders to search for a sweep over `inputPaths`: each input folder's `wildcards/` (for a file
 * given directly, its folder's), then `studioDir`. Duplicates are dropped.
 */
export async function wildcardFolders(
  inputPaths: readonly string[],
  studioDir: string | null,
): Promise<string[]> {
  const out: string[] = [];
  for (const p of inputPaths) {
    const abs = path.resolve(p);
    const isDir = await stat(abs).then(
      (s) => s.isDirectory(),
      () => null,
    );
    if (isDir === null) continue; // a missing input is reported by the input scan
    const dir = path.join(isDir ? abs : path.dirname(abs), INPUT_WILDCARDS_FOLDER);
    if (!out.includes(dir)) out.push(dir);
  }
  if (studioDir && !out.includes(path.resolve(studioDir))) out.push(path.resolve(studioDir));
  return out;
}

type Found = { options: string[] } | { issue: string } | null;

async function readWildcard(name: string, folder: string): Promise<Found> {
  const file = `${path.join(folder, ...name.split('/'))}.txt`;
  try {
    const info = await stat(file);
    if (!info.isFile()) return { issue: `${file} is not a file` };
    if (info.size > MAX_WILDCARD_BYTES) return { issue: `${file} is over ${MAX_WILDCARD_BYTES} bytes` };
    const options = parseWildcardFile(await readFile(file, 'utf8'));
    if (options.length === 0) return { issue: `${file} has no options (every line is blank or a # comment)` };
    return { options };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return { issue: `cannot read ${file} (${code ?? (error as Error).message})` };
  }
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Returns `spec` with `wildcards` holding the options of every wildcard its prompts and negative
 * prompts use (options already given inline in `spec.wildcards` are kept and not looked up), and an
 * issue per wildcard that cannot be read. A spec that uses none is returned unchanged.
 */
export async function withWildcards(
  spec: Record<string, unknown>,
  folders: readonly string[],
): Promise<{ spec: Record<string, unknown>; issues: FieldIssue[] }> {
  const inline =
    spec.wildcards && typeof spec.wildcards === 'object' && !Array.isArray(spec.wildcards)
      ? (spec.wildcards as Record<string, unknown>)
      : {};
  const uses = new Map<string, string>(); // name -> the first field that uses it
  for (const list of ['prompts', 'negativePrompts'] as const) {
    strings(spec[list]).forEach((template, i) => {
      for (const name of wildcardNames(template)) {
        if (!uses.has(name) && !Object.hasOwn(inline, name)) uses.set(name, `${list}[${i}]`);
      }
    });
  }
  if (uses.size === 0) return { spec, issues: [] };
  const loaded: Record<string, string[]> = {};
  const issues: FieldIssue[] = [];
  for (const [name, field] of uses) {
    let found: Found = null;
    for (const folder of folders) {
      found = await readWildcard(name, folder);
      if (found) break;
    }
    if (found && 'options' in found) loaded[name] = found.options;
    else if (found) issues.push({ field, message: `__${name}__: ${found.issue}` });
    else {
      const where = folders.length ? folders.join(' or ') : 'no wildcards folder';
      issues.push({ field, message: `__${name}__: no wildcard file ${name}.txt in ${where}` });
    }
  }
  return { spec: { ...spec, wildcards: { ...inline, ...loaded } }, issues };
}
