/**
 * Finds the input images of a sweep: files and folders as the user gave them, walked with fdir,
 * filtered by extension, de-duplicated by real file identity and returned in a stable order.
 * Nothing here is fatal per entry: a missing path, an unreadable folder, a dangling link, a symlink
 * loop or a special file (named pipe, socket, device) becomes a `problem` next to the files that were
 * found. Special files are named from their directory entry or `stat`, never opened: opening a FIFO
 * blocks until something writes to it, and a device may never end.
 */
import fs from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type FSLike, fdir } from 'fdir';
import { compareCodePoints } from './code-point-order';
import { notRegularCause, specialFileKind } from './file-kind';

/** One image file found on disk. */
export interface DiscoveredFile {
  /** Absolute path as found (through symlinked folders, not resolved). */
  path: string;
  /** Path relative to the root it was found under, '/'-separated; a file given directly has its base name. */
  relPath: string;
  /** Base name without the last extension. */
  name: string;
  sizeBytes: number;
  /** Absolute root (folder given by the user, or the parent of a file given directly). */
  root: string;
}

export type DiscoveryProblemCode =
  | 'missing'
  | 'unreadable'
  | 'dangling_symlink'
  | 'symlink_loop'
  | 'not_regular_file';

export interface DiscoveryProblem {
  path: string;
  code: DiscoveryProblemCode;
  message: string;
}

export interface DiscoverOptions {
  /** Files and/or folders; relative paths resolve against `process.cwd()`. */
  paths: string[];
  /** Walk sub-folders too. Default false. */
  recursive?: boolean;
  /** Extensions to keep, any case, with or without dot. Empty or omitted = every file. Files given directly are always kept. */
  extensions?: string[];
  /** Include dot-files and dot-folders when walking (macOS `._x.jpg` litter is never an image). Default false. */
  includeHidden?: boolean;
  /** File-system layer for fdir; tests inject failures here. Default `node:fs`. */
  fs?: FSLike;
}

export interface DiscoveryResult {
  /** Roots in the order given; within a root, by relPath in code-point order after NFC normalisation. */
  files: DiscoveredFile[];
  problems: DiscoveryProblem[];
}

function problemFor(p: string, error: NodeJS.ErrnoException, isLink: boolean): DiscoveryProblem {
  if (error.code === 'ELOOP') return { path: p, code: 'symlink_loop', message: `${p}: symbolic link loop` };
  if (error.code === 'ENOENT' && isLink) {
    return { path: p, code: 'dangling_symlink', message: `${p}: symbolic link points to a missing file` };
  }
  if (error.code === 'ENOENT') return { path: p, code: 'missing', message: `${p}: no such file or folder` };
  return { path: p, code: 'unreadable', message: `${p}: cannot read (${error.code ?? error.message})` };
}

function notRegular(p: string, kind: string): DiscoveryProblem {
  return { path: p, code: 'not_regular_file', message: `${p} ${notRegularCause(kind)}` };
}

/**
 * Wraps an fs layer so the errors fdir swallows (suppressErrors) are reported instead of lost, and the
 * special files it skips without a word (neither file, folder nor link) are reported too.
 */
function reportingFs(
  base: FSLike,
  report: (p: string, e: NodeJS.ErrnoException, isLink: boolean) => void,
  reportSpecial: (p: string, kind: string) => void,
): FSLike {
  const readdir = ((p: string, options: unknown, cb: (e: NodeJS.ErrnoException | null, r: unknown) => void) =>
    (base.readdir as (...a: unknown[]) => void)(p, options, (e: NodeJS.ErrnoException | null, r: unknown) => {
      if (e) report(p.replace(/[/\\]$/, '') || p, e, false);
      for (const entry of Array.isArray(r) ? (r as fs.Dirent[]) : []) {
        const kind = typeof entry === 'object' ? specialFileKind(entry) : null;
        if (kind) reportSpecial(path.join(p, entry.name), kind);
      }
      cb(e, r);
    })) as unknown as FSLike['readdir'];
  const realpath = ((p: string, cb: (e: NodeJS.ErrnoException | null, r?: string) => void) =>
    (base.realpath as (...a: unknown[]) => void)(p, (e: NodeJS.ErrnoException | null, r?: string) => {
      if (e) report(p, e, true);
      cb(e, r);
    })) as unknown as FSLike['realpath'];
  return { ...base, readdir, realpath };
}

function extensionFilter(extensions: string[] | undefined): (file: string) => boolean {
  const wanted = new Set((extensions ?? []).map((e) => e.replace(/^\./, '').toLowerCase()).filter(Boolean));
  if (wanted.size === 0) return () => true;
  return (file) => wanted.has(path.extname(file).slice(1).toLowerCase());
}

/** True when `inner` is `outer` or inside it. */
function isWithin(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith(path.sep) ? outer : outer + path.sep);
}

async function walkFolder(
  root: string,
  options: DiscoverOptions,
  problems: DiscoveryProblem[],
): Promise<string[]> {
  const keep = extensionFilter(options.extensions);
  const base = options.fs ?? (fs as unknown as FSLike);
  const layer = reportingFs(
    base,
    (p, e, isLink) => {
      // A dangling link that would not have passed the filter anyway is noise, not a problem.
      if (isLink && e.code === 'ENOENT' && !keep(p)) return;
      problems.push(problemFor(p, e, isLink));
    },
    (p, kind) => {
      if (!hidden(path.basename(p)) && keep(p)) problems.push(notRegular(p, kind));
    },
  );
  const hidden = (name: string) => !options.includeHidden && name.startsWith('.');
  const builder = new fdir({ fs: layer })
    .withFullPaths()
    .withSymlinks({ resolvePaths: false })
    .filter((file) => !hidden(path.basename(file)) && keep(file))
    .exclude((dirName, dirPath) => {
      if (hidden(dirName)) return true;
      // fdir silently follows a loop once before noticing; refuse it up front and say so.
      const dir = dirPath.replace(/[/\\]$/, '');
      try {
        if (!fs.lstatSync(dir).isSymbolicLink()) return false;
        const target = fs.realpathSync(dir);
        if (isWithin(fs.realpathSync(path.dirname(dir)), target)) {
          problems.push({
            path: dir,
            code: 'symlink_loop',
            message: `${dir}: symbolic link loops back to ${target}`,
          });
          return true;
        }
      } catch {
        // Errors here are reported by the walk itself when it reads the folder.
      }
      return false;
    });
  if (!options.recursive) builder.withMaxDepth(0);
  return builder.crawl(root).withPromise();
}

interface Candidate {
  file: DiscoveredFile;
  sortKey: string;
  rootIndex: number;
}

async function toCandidate(abs: string, root: string, rootIndex: number, problems: DiscoveryProblem[]) {
  try {
    const s = await stat(abs);
    // A link to (or a path given straight at) a pipe, socket or device: named, never opened.
    const kind = s.isFile() ? null : specialFileKind(s);
    if (kind) {
      problems.push(notRegular(abs, kind));
      return null;
    }
    const relPath = path.relative(root, abs).split(path.sep).join('/');
    const name = path.basename(abs, path.extname(abs));
    const file: DiscoveredFile = { path: abs, relPath, name, sizeBytes: s.size, root };
    return {
      candidate: { file, sortKey: relPath.normalize('NFC'), rootIndex },
      identity: `${s.dev}:${s.ino}`,
    };
  } catch (error) {
    problems.push(problemFor(abs, error as NodeJS.ErrnoException, false));
    return null;
  }
}

/**
 * Lists the input files under `paths`. Never throws for per-path trouble; see `DiscoveryResult`.
 * The same file reached twice (listed twice, or via a symlinked folder) appears once, at its first
 * position in the result order.
 */
export async function discoverInputs(options: DiscoverOptions): Promise<DiscoveryResult> {
  const problems: DiscoveryProblem[] = [];
  const found: { candidate: Candidate; identity: string }[] = [];
  for (const [rootIndex, given] of options.paths.entries()) {
    const abs = path.resolve(given);
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(abs)).isDirectory();
    } catch (error) {
      const isLink = fs.lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink() ?? false;
      problems.push(problemFor(abs, error as NodeJS.ErrnoException, isLink));
      continue;
    }
    const root = isDirectory ? abs : path.dirname(abs);
    const files = isDirectory ? await walkFolder(abs, options, problems) : [abs];
    // stat in small parallel batches: thousands of sequential awaits are slow, unbounded ones exhaust handles.
    for (let i = 0; i < files.length; i += 64) {
      const batch = files.slice(i, i + 64).map((file) => toCandidate(file, root, rootIndex, problems));
      for (const entry of await Promise.all(batch)) if (entry) found.push(entry);
    }
  }
  found.sort(
    (a, b) => a.candidate.rootIndex - b.candidate.rootIndex || compareCandidates(a.candidate, b.candidate),
  );
  const seen = new Set<string>();
  const files: DiscoveredFile[] = [];
  for (const { candidate, identity } of found) {
    if (seen.has(identity)) continue;
    seen.add(identity);
    files.push(candidate.file);
  }
  return { files, problems: dedupeProblems(problems) };
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return compareCodePoints(a.sortKey, b.sortKey) || compareCodePoints(a.file.relPath, b.file.relPath);
}

function dedupeProblems(problems: DiscoveryProblem[]): DiscoveryProblem[] {
  const byKey = new Map(problems.map((p) => [`${p.code}\0${p.path}`, p]));
  return [...byKey.values()].sort((a, b) => compareCodePoints(a.path, b.path));
}
