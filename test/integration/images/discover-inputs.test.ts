import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FSLike } from 'fdir';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverInputs } from '../../../electron/images/discover-inputs';

let tmp: string;
let root: string;
let outside: string;
const IMAGES = ['png', 'jpg', 'jpeg', 'webp'];

async function touch(file: string, content = 'x') {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await fsp.writeFile(file, content);
}

beforeAll(async () => {
  tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'discover-'));
  root = path.join(tmp, 'photos');
  outside = path.join(tmp, 'elsewhere');
  for (const name of [
    'a.png',
    'B.JPG',
    'notes.txt',
    'f.png',
    'e\u0301 nfd.png',
    '\u00e9 nfc.png',
    '😀.png',
    '\uE000.png',
  ]) {
    await touch(path.join(root, name), name);
  }
  await touch(path.join(root, '.hidden.png'));
  await touch(path.join(root, '._appledouble.jpg'));
  await touch(path.join(root, '.cache', 'inside-hidden.png'));
  await touch(path.join(root, 'sub', 'c.webp'), 'ccc');
  await touch(path.join(root, 'sub', 'deep', 'd.jpeg'));
  await touch(path.join(outside, 'x.png'));
  await fsp.symlink('..', path.join(root, 'sub', 'loop'));
  await fsp.symlink(outside, path.join(root, 'linked'));
  await fsp.symlink('a.png', path.join(root, 'alias.png'));
  await fsp.symlink('gone.png', path.join(root, 'dangling.png'));
  await fsp.symlink('gone.txt', path.join(root, 'dangling.txt'));
  await fsp.symlink('chain-b.png', path.join(root, 'chain-a.png'));
  await fsp.symlink('chain-a.png', path.join(root, 'chain-b.png'));
});

afterAll(async () => {
  await fsp.rm(tmp, { recursive: true, force: true });
});

const rel = (files: { relPath: string }[]) => files.map((f) => f.relPath);

describe('discoverInputs', () => {
  it('lists the top folder only, filtered case-insensitively, in code-point order after NFC', async () => {
    const { files } = await discoverInputs({ paths: [root], recursive: false, extensions: IMAGES });
    // NFC keys put both spellings of "é" together after "f"; U+E000 sorts before the emoji (code points, not UTF-16).
    expect(rel(files)).toEqual([
      'B.JPG',
      'a.png',
      'f.png',
      '\u00e9 nfc.png',
      'e\u0301 nfd.png',
      '\uE000.png',
      '😀.png',
    ]);
    const a = files.find((f) => f.relPath === 'a.png')!;
    expect(a).toEqual({ path: path.join(root, 'a.png'), relPath: 'a.png', name: 'a', sizeBytes: 5, root });
  });

  it('walks sub-folders and symlinked folders when recursive, with "/"-separated relative paths', async () => {
    const { files } = await discoverInputs({
      paths: [root],
      recursive: true,
      extensions: ['.PNG', 'webp', 'jpeg'],
    });
    const paths = rel(files);
    expect(paths).toEqual(expect.arrayContaining(['sub/c.webp', 'sub/deep/d.jpeg', 'linked/x.png']));
    expect(paths).not.toContain('B.JPG');
    expect(paths.filter((p) => p.includes('loop'))).toEqual([]);
    expect(files.find((f) => f.relPath === 'sub/deep/d.jpeg')!.name).toBe('d');
  });

  it('reports a symlink loop, a link cycle and a dangling image link as problems, not fatal', async () => {
    const { files, problems } = await discoverInputs({ paths: [root], recursive: true, extensions: IMAGES });
    expect(files.length).toBeGreaterThan(5);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: path.join(root, 'sub', 'loop'), code: 'symlink_loop' }),
        expect.objectContaining({ path: path.join(root, 'chain-a.png'), code: 'symlink_loop' }),
        expect.objectContaining({ path: path.join(root, 'dangling.png'), code: 'dangling_symlink' }),
      ]),
    );
    for (const p of problems) expect(p.message).toContain(p.path);
    // A dangling link that the extension filter would drop anyway is not worth reporting.
    expect(problems.map((p) => p.path)).not.toContain(path.join(root, 'dangling.txt'));
  });

  it('lists a file reached twice (symlink alias, path given twice) once, at its first position', async () => {
    const { files } = await discoverInputs({ paths: [root, path.join(root, 'a.png')], extensions: IMAGES });
    expect(rel(files).filter((p) => p === 'a.png' || p === 'alias.png')).toEqual(['a.png']);
  });

  it('keeps the order of the given roots and takes files given directly whatever their extension', async () => {
    const { files } = await discoverInputs({
      paths: [path.join(root, 'notes.txt'), path.join(root, 'sub')],
      extensions: IMAGES,
    });
    expect(files.map((f) => [f.relPath, f.root])).toEqual([
      ['notes.txt', root],
      ['c.webp', path.join(root, 'sub')],
    ]);
  });

  it('takes every file when no extensions are given, and hidden ones only when asked', async () => {
    const all = await discoverInputs({ paths: [root], recursive: true, extensions: [] });
    expect(rel(all.files)).toContain('notes.txt');
    expect(rel(all.files).some((p) => p.startsWith('.') || p.includes('/.'))).toBe(false);
    const hidden = await discoverInputs({
      paths: [root],
      recursive: true,
      extensions: IMAGES,
      includeHidden: true,
    });
    expect(rel(hidden.files)).toEqual(
      expect.arrayContaining(['.hidden.png', '._appledouble.jpg', '.cache/inside-hidden.png']),
    );
  });

  it('reports a missing path and goes on with the others', async () => {
    const missing = path.join(tmp, 'no-such-folder');
    const { files, problems } = await discoverInputs({ paths: [missing, outside], extensions: IMAGES });
    expect(rel(files)).toEqual(['x.png']);
    expect(problems).toEqual([
      { path: missing, code: 'missing', message: `${missing}: no such file or folder` },
    ]);
  });

  it('reports an unreadable folder (injected EACCES: root ignores chmod) and keeps the rest', async () => {
    const blocked = path.join(root, 'sub');
    const failing: FSLike = {
      ...(fs as unknown as FSLike),
      readdir: ((p: string, options: unknown, cb: (e: NodeJS.ErrnoException | null, r?: unknown) => void) => {
        if (p.replace(/\/$/, '') === blocked) {
          const error: NodeJS.ErrnoException = Object.assign(new Error('EACCES: permission denied'), {
            code: 'EACCES',
          });
          cb(error);
          return;
        }
        (fs.readdir as (...a: unknown[]) => void)(p, options, cb);
      }) as unknown as FSLike['readdir'],
    };
    const { files, problems } = await discoverInputs({
      paths: [root],
      recursive: true,
      extensions: IMAGES,
      fs: failing,
    });
    expect(rel(files)).toContain('a.png');
    expect(rel(files).some((p) => p.startsWith('sub/'))).toBe(false);
    expect(problems).toContainEqual({
      path: blocked,
      code: 'unreadable',
      message: `${blocked}: cannot read (EACCES)`,
    });
  });

  it('finds every file of a large flat folder exactly once', async () => {
    const big = path.join(tmp, 'big');
    await fsp.mkdir(big);
    await Promise.all(
      Array.from({ length: 2000 }, (_, i) => fsp.writeFile(path.join(big, `img-${i}.png`), '')),
    );
    const { files, problems } = await discoverInputs({ paths: [big], extensions: IMAGES });
    expect(problems).toEqual([]);
    expect(new Set(rel(files)).size).toBe(2000);
    expect(rel(files).slice(0, 3)).toEqual(['img-0.png', 'img-1.png', 'img-10.png']);
  });
});
