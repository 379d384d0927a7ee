/** The `{batch}` folder: the batch's name slugged (any script), safe on every OS, and made unique. */
import { slugBatchName, uniqueBatchFolder, utf8Bytes } from '@shared/sweep';
import { describe, expect, it } from 'vitest';

describe('slugBatchName', () => {
  it.each([
    ['crash test', 'crash-test'],
    ['  Coastal Studies — v2!  ', 'coastal-studies-v2'],
    ['Été à Paris', 'été-à-paris'],
    ['夜の港', '夜の港'],
    ['CON', '_con'],
    ['***', 'batch'],
    ['', 'batch'],
  ])('%j -> %j', (name, slug) => {
    expect(slugBatchName(name)).toBe(slug);
  });

  it('keeps long names within its byte budget without a trailing dash', () => {
    const slug = slugBatchName(`${'word '.repeat(40)}end`);
    expect(utf8Bytes(slug)).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('uniqueBatchFolder', () => {
  it('adds -2, -3… until the folder is free', () => {
    const taken = new Set(['crash-test', 'crash-test-2']);
    expect(uniqueBatchFolder('crash test', (f) => taken.has(f))).toBe('crash-test-3');
    expect(uniqueBatchFolder('other', (f) => taken.has(f))).toBe('other');
  });
});
