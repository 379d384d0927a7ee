/**
 * copyFileAtomic (the dedupe copy): the target appears whole or not at all. It is written to a temp
 * file beside it and renamed into place only once complete; a failure at any step leaves no temp file
 * and never a partial file under the final name.
 */
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileAtomic, nodeWriteFs, type WriteFs } from '../../../electron/images/atomic-write';

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
