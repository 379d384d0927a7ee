/**
 * Durable, atomic file writes: data goes to a temp file in the target's own folder, is fsynced, then
 * renamed over the target, and the folder is fsynced so the rename itself survives a power cut.
 * A crash at any moment leaves either no target or the whole target, plus at most one `*.tmp-*`
 * file that `cleanupStaleTemps` removes. Reused outputs are hard-linked the same way where possible. The file-system calls go through a small injectable layer
 * so tests can simulate a full or read-only disk, which root cannot reproduce with chmod.
 */
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fdir } from 'fdir';

/** The file-system calls atomic writes need; swap one out in tests to inject failures. */
export interface WriteFs {
  mkdir(dir: string): Promise<void>;
  /** Creates `file` exclusively, writes `data`, fsyncs and closes it. */
  writeDurable(file: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** fsync a folder so a rename in it is durable; best effort (not every platform allows it). */
  syncDir(dir: string): Promise<void>;
  readFile(file: string): Promise<Buffer>;
  /** Removes a file, ignoring "not found". */
  remove(file: string): Promise<void>;
  /** Makes `to` a hard link to `from` (fails where the file system cannot). Optional: without it, copies. */
  link?(from: string, to: string): Promise<void>;
}

/** The real `node:fs` implementation of `WriteFs`. */
export const nodeWriteFs: WriteFs = {
  async mkdir(dir) {
    await fsp.mkdir(dir, { recursive: true });
  },
  async writeDurable(file, data) {
    const handle = await fsp.open(file, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  async syncDir(dir) {
    let handle: fsp.FileHandle | undefined;
    try {
      handle = await fsp.open(dir, 'r');
      await handle.sync();
    } catch {
      // Windows cannot open folders for fsync; the rename is still atomic there.
    } finally {
      await handle?.close();
    }
  },
  readFile: (file) => fsp.readFile(file),
  remove: (file) => fsp.rm(file, { force: true }),
  link: (from, to) => fsp.link(from, to),
};

const TEMP_PATTERN = /\.tmp-\d+-[0-9a-f]{8}$/;

/** A fresh temp path next to `target` (same folder, so the rename never crosses file systems). */
export function tempPathFor(target: string): string {
  return `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Writes `data` to `target` atomically (see file comment). The temp file is removed on failure. */
export async function writeFileAtomic(
  target: string,
  data: Uint8Array,
  io: WriteFs = nodeWriteFs,
): Promise<void> {
  await io.mkdir(path.dirname(target));
  const temp = tempPathFor(target);
  try {
    await io.writeDurable(temp, data);
    await io.rename(temp, target);
  } catch (error) {
    // The write's own error is the one that matters and is rethrown; a temp file that cannot be removed
    // either is swept by cleanupStaleTemps at the next start.
    await io.remove(temp).catch(() => undefined);
    throw error;
  }
  await io.syncDir(path.dirname(target));
}

/**
 * Copies `source` to `target` atomically: the bytes are read whole, then written as by
 * `writeFileAtomic`, so `target` is either absent, its old self, or the whole copy, never half of it.
 */
export async function copyFileAtomic(
  source: string,
  target: string,
  io: WriteFs = nodeWriteFs,
): Promise<void> {
  await writeFileAtomic(target, await io.readFile(source), io);
}

/**
 * Puts `source`'s content at `target` as cheaply as the file system allows, atomically: a hard link made
 * under a temp name and renamed over `target` (no bytes copied: a re-run reusing 50 MB of outputs costs
 * no disk), else — another file system, no hard links (FAT, some network shares), too many links — a
 * copy as by `copyFileAtomic`. Either way `target` is absent, its old self or the whole file. Note that
 * a hard-linked target is the same file as its source: editing one in place edits both.
 * @returns how it was done.
 */
export async function linkOrCopyFileAtomic(
  source: string,
  target: string,
  io: WriteFs = nodeWriteFs,
): Promise<'linked' | 'copied'> {
  if (io.link) {
    await io.mkdir(path.dirname(target));
    const temp = tempPathFor(target);
    try {
      await io.link(source, temp);
      await io.rename(temp, target);
      await io.syncDir(path.dirname(target));
      return 'linked';
    } catch {
      // No link here (cross-device, unsupported, link limit, or the rename failed): the copy path decides,
      // and reports its own error if the target really cannot be written.
      await io.remove(temp).catch(() => undefined);
    }
  }
  await copyFileAtomic(source, target, io);
  return 'copied';
}

/**
 * Removes temp files left by writes that a crash interrupted, anywhere under `root`, and returns their
 * paths. Call it at start-up, before this process begins writing: it cannot tell a live write's temp
 * file from a dead one. A missing `root` is not an error.
 */
export async function cleanupStaleTemps(root: string): Promise<string[]> {
  const temps = await new fdir()
    .withFullPaths()
    .filter((file) => TEMP_PATTERN.test(file))
    .crawl(root)
    .withPromise();
  await Promise.all(temps.map((file) => fsp.rm(file, { force: true })));
  return temps.sort();
}
