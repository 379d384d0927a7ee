/** The export manifest's CSV: RFC 4180 quoting, formula cells defused, every column once. */
import { csvField, MANIFEST_COLUMNS, type ManifestEntry, manifestCsv, manifestJson } from '@shared/ratings';
import { describe, expect, it } from 'vitest';

const entry: ManifestEntry = {
  jobId: 7,
  batchId: 'b1',
  batchName: 'Coast, "final"',
  ordinal: 3,
  inputName: 'sunset',
  inputRelPath: 'sunset.jpg',
  inputPath: '/photos/sunset.jpg',
  inputHash: 'abc',
  inputCaption: 'a headland, "late"',
  prompt: 'a lighthouse\nat dusk',
  negativePrompt: '-blurry',
  seed: 100,
  style: 'GENERAL',
  resolution: 'RESOLUTION_1024_1024',
  resolutionMatched: true,
  imageWeight: 50,
  magicPrompt: 'AUTO',
  palette: 'null',
  flag: 'pick',
  stars: 4,
  sourcePath: '/out/a.png',
  exportedPath: '/picks/a.png',
  transfer: 'link',
  jobKey: 'k',
  requestId: 'r',
  inferenceTimeSec: null,
};

/** A minimal RFC 4180 reader, to read the CSV back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('manifest CSV', () => {
  it('quotes commas, quotes and line breaks and reads back to the same values', () => {
    const rows = parseCsv(manifestCsv([entry, { ...entry, jobId: 8 }]));
    expect(rows[0]).toEqual([...MANIFEST_COLUMNS]);
    expect(new Set(MANIFEST_COLUMNS).size).toBe(Object.keys(entry).length);
    expect(rows).toHaveLength(3);
    const record = Object.fromEntries(MANIFEST_COLUMNS.map((c, i) => [c, rows[1]![i]]));
    expect(record.batchName).toBe('Coast, "final"');
    expect(record.prompt).toBe('a lighthouse\nat dusk');
    expect(record.inferenceTimeSec).toBe('');
    expect(record.seed).toBe('100');
    expect(record.resolutionMatched).toBe('true');
    expect(record.inputCaption).toBe('a headland, "late"');
    expect(rows[2]![0]).toBe('8');
  });

  it('defuses cells a spreadsheet would run as formulas; the JSON keeps the exact text', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-blurry')).toBe("'-blurry");
    expect(csvField('@me')).toBe("'@me");
    expect(csvField(-5)).toBe('-5');
    expect(csvField('plain')).toBe('plain');
    const json = JSON.parse(
      manifestJson({ batchId: 'b1', batchName: 'x', exportedAt: 1, selection: 'pick', entries: [entry] }),
    );
    expect(json.entries[0].negativePrompt).toBe('-blurry');
  });
});
