/**
 * copyFileAtomic and linkOrCopyFileAtomic (the dedupe reuse): the target appears whole or not at all. It
 * is written (or hard-linked) to a temp name beside it and renamed into place only once complete; a
 * failure at any step leaves no temp file and never a partial file under the final name. Where the file
 * system cannot link, the reuse is a copy.
 */
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  copyFileAtomic,
  linkOrCopyFileAtomic,
  nodeWriteFs,
  type WriteFs,
} from '../../../electron/images/atomic-write';

let tmp: string;
let source: string;
const bytes = Buffer.alloc(256 * 1024, 7);

beforeEach(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'atomic-copy-'));
  source = path.join(tmp, 'source.png');
  await fsp.writeFile(source, bytes);
});
afterEach(() => fsp.rm(tmp, { recursive: true, force: true }));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const simulated = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

describe('copyFileAtomic', () => {
  it('creates folders and renames a complete temp file onto the target, which did not exist before', async () => {
    const target = path.join(tmp, 'out', 'batch 2', 'copy.png');
    const seen: { tempSize: number; targetExisted: boolean }[] = [];
    const watching: WriteFs = {
      ...nodeWriteFs,
      async rename(from, to) {
        seen.push({
          tempSize: (await fsp.stat(from)).size,
          targetExisted: await fsp.stat(to).then(
            () => true,
            () => false,
          ),
        });
        return nodeWriteFs.rename(from, to);
      },
    };
    await copyFileAtomic(source, target, watching);
    expect(seen).toEqual([{ tempSize: bytes.length, targetExisted: false }]);
    expect((await fsp.readFile(target)).equals(bytes)).toBe(true);
    expect(await filesUnder(path.join(tmp, 'out'))).toEqual([path.join('batch 2', 'copy.png')]);
  });

  it('a failure mid-write (full disk) leaves neither a temp file nor anything under the final name', async () => {
    const target = path.join(tmp, 'out', 'copy.png');
    const fullDisk: WriteFs = {
      ...nodeWriteFs,
      async writeDurable(file, data) {
        await fsp.writeFile(file, data.subarray(0, 1000)); // half a file on disk, then the error
        throw simulated('ENOSPC');
      },
    };
    await expect(copyFileAtomic(source, target, fullDisk)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(await filesUnder(path.join(tmp, 'out'))).toEqual([]);
  });

  it('a failed rename leaves no temp file and an existing target untouched', async () => {
    const target = path.join(tmp, 'out', 'copy.png');
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await fsp.writeFile(target, 'the earlier, whole file');
    const failingRename: WriteFs = {
      ...nodeWriteFs,
      rename: async () => {
        throw simulated('EIO');
      },
    };
    await expect(copyFileAtomic(source, target, failingRename)).rejects.toMatchObject({ code: 'EIO' });
    expect(await filesUnder(path.join(tmp, 'out'))).toEqual(['copy.png']);
    expect(await fsp.readFile(target, 'utf8')).toBe('the earlier, whole file');
  });

  it('a missing source fails before anything is written', async () => {
    const target = path.join(tmp, 'out', 'copy.png');
    await expect(copyFileAtomic(path.join(tmp, 'gone.png'), target)).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await filesUnder(path.join(tmp, 'out'))).toEqual([]);
  });
});

describe('linkOrCopyFileAtomic', () => {
  it('hard-links where the file system allows: the same file, no bytes copied, through a temp name', async () => {
    const target = path.join(tmp, 'out', 'reuse.png');
    const renamed: string[] = [];
    const watching: WriteFs = {
      ...nodeWriteFs,
      async rename(from, to) {
        renamed.push(path.basename(from));
        return nodeWriteFs.rename(from, to);
      },
    };
    expect(await linkOrCopyFileAtomic(source, target, watching)).toBe('linked');
    const [a, b] = await Promise.all([fsp.stat(source), fsp.stat(target)]);
    expect(b.ino).toBe(a.ino);
    expect(b.nlink).toBe(2);
    expect(renamed).toHaveLength(1);
    expect(renamed[0]).toMatch(/^reuse\.png\.tmp-/);
    expect(await filesUnder(path.join(tmp, 'out'))).toEqual(['reuse.png']);
  });

  it('copies where links are refused (another device), leaving no temp name behind', async () => {
    const target = path.join(tmp, 'out', 'reuse.png');
    const noLinks: WriteFs = {
      ...nodeWriteFs,
      link: async () => {
        throw simulated('EXDEV');
      },
    };
    expect(await linkOrCopyFileAtomic(source, target, noLinks)).toBe('copied');
    const [a, b] = await Promise.all([fsp.stat(source), fsp.stat(target)]);
    expect(b.ino).not.toBe(a.ino);
    expect((await fsp.readFile(target)).equals(bytes)).toBe(true);
    expect(await filesUnder(path.join(tmp, 'out'))).toEqual(['reuse.png']);
  });

  it('a layer without link() copies', async () => {
    const target = path.join(tmp, 'out', 'reuse.png');
    expect(await linkOrCopyFileAtomic(source, target, { ...nodeWriteFs, link: undefined })).toBe('copied');
    expect((await fsp.stat(target)).nlink).toBe(1);
  });

  it('when linking and copying both fail, the copy’s error is reported and nothing is left', async () => {
    const target = path.join(tmp, 'out', 'reuse.png');
    const broken: WriteFs = {
      ...nodeWriteFs,
      rename: async () => {
        throw simulated('EIO');
      },
    };
    await expect(linkOrCopyFileAtomic(source, target, broken)).rejects.toMatchObject({ code: 'EIO' });
    expect(await filesUnder(path.join(tmp, 'out'))).toEqual([]);
  });
});
