/**
 * The file side of captions and wildcards on a real folder: sidecars beat prompts.csv, a CSV in a
 * parent folder captions images below it, a malformed CSV and an empty sidecar are problems naming the
 * file (and the line), and wildcard files are searched in the input folder first, then the studio's.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCaptions } from '../../../electron/inputs/captions';
import { wildcardFolders, withWildcards } from '../../../electron/inputs/wildcard-files';

let dir: string;
const put = (rel: string, text: string) => {
  const file = join(dir, ...rel.split('/'));
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
  return file;
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sweep-captions-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('readCaptions', () => {
  it('finds sidecars first, then the nearest prompts.csv up to the root', async () => {
    const files = ['barn.jpg', 'boat.png', 'sub/fox.webp', 'sub/owl.jpg', 'none.jpg'].map((rel) => ({
      path: put(rel, 'image bytes'),
      root: dir,
    }));
    put('barn.txt', 'a red barn\nat dusk\n');
    put(
      'prompts.csv',
      'file,prompt,negative\nbarn.jpg,ignored: the sidecar wins\nboat.png,"a blue boat, moored",fog\nsub/owl.jpg,an owl\n',
    );
    put('sub/prompts.csv', 'fox,a fox in snow\n');
    const { captions, problems } = await readCaptions(files);
    expect(problems).toEqual([]);
    expect(captions).toEqual([
      { prompt: 'a red barn at dusk', negative: '', source: 'barn.txt' },
      { prompt: 'a blue boat, moored', negative: 'fog', source: 'prompts.csv line 3' },
      { prompt: 'a fox in snow', negative: '', source: 'sub/prompts.csv line 1' },
      // sub/prompts.csv has no owl row: the root's CSV names it by its path from there.
      { prompt: 'an owl', negative: '', source: 'prompts.csv line 4' },
      null,
    ]);
  });

  it('reports a malformed prompts.csv with its line and an empty sidecar, and carries on', async () => {
    const files = ['a.jpg', 'b.jpg'].map((rel) => ({ path: put(rel, 'x'), root: dir }));
    put('a.txt', '   \n');
    const csv = put('prompts.csv', 'file,prompt\nb.jpg,"a quote " inside\n');
    const { captions, problems } = await readCaptions(files);
    expect(captions).toEqual([null, null]);
    expect(problems).toEqual([
      { path: join(dir, 'a.txt'), message: `${join(dir, 'a.txt')} is empty: a.jpg has no caption` },
      {
        path: csv,
        message: `${csv}: line 2: text after a closing quote (a quote inside a field is written "")`,
      },
    ]);
  });
});

describe('wildcard files', () => {
  it('are looked up in the input folder’s wildcards/ first, then the studio’s folder', async () => {
    const photos = join(dir, 'photos');
    put('photos/a.jpg', 'x');
    put('photos/wildcards/colour.txt', 'red\nblue\n');
    put('studio/colour.txt', 'never read\n');
    put('studio/moods/calm.txt', '# moods\nquiet\n\nstill\n');
    const folders = await wildcardFolders([photos, join(dir, 'missing')], join(dir, 'studio'));
    expect(folders).toEqual([join(photos, 'wildcards'), join(dir, 'studio')]);
    const spec = {
      inputs: { paths: [photos] },
      prompts: ['a __colour__ coat', 'plain'],
      negativePrompts: ['__moods/calm__', '__inline__'],
      wildcards: { inline: ['given'] },
    };
    const result = await withWildcards(spec, folders);
    expect(result.issues).toEqual([]);
    expect(result.spec.wildcards).toEqual({
      inline: ['given'],
      colour: ['red', 'blue'],
      'moods/calm': ['quiet', 'still'],
    });
    expect(await withWildcards({ prompts: ['plain'] }, folders)).toEqual({
      spec: { prompts: ['plain'] },
      issues: [],
    });
  });

  it('name a missing file with the folders searched, and an empty one', async () => {
    put('studio/empty.txt', '# nothing here\n\n');
    const folders = [join(dir, 'photos', 'wildcards'), join(dir, 'studio')];
    const result = await withWildcards(
      { prompts: ['a __nope__ coat', 'x'], negativePrompts: ['__empty__'] },
      folders,
    );
    expect(result.issues).toEqual([
      {
        field: 'prompts[0]',
        message: `__nope__: no wildcard file nope.txt in ${folders[0]} or ${folders[1]}`,
      },
      {
        field: 'negativePrompts[0]',
        message: `__empty__: ${join(dir, 'studio', 'empty.txt')} has no options (every line is blank or a # comment)`,
      },
    ]);
  });
});
