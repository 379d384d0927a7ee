import {
  CaptionTableError,
  CsvError,
  captionRowFor,
  parseCaptionTable,
  parseCsv,
  sidecarCaption,
} from '@shared/captions';
import { describe, expect, it } from 'vitest';

describe('parseCsv (RFC 4180)', () => {
  it('reads plain and quoted fields, "" quotes, commas and line breaks inside quotes, CRLF and a BOM', () => {
    const text =
      '\uFEFFfile,prompt\r\na.jpg,"a red, wet coat"\r\n"b.jpg","she said ""hi""\nthen left",x\n\n c.jpg ,plain';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['file', 'prompt'] },
      { line: 2, fields: ['a.jpg', 'a red, wet coat'] },
      { line: 3, fields: ['b.jpg', 'she said "hi"\nthen left', 'x'] },
      { line: 6, fields: [' c.jpg ', 'plain'] },
    ]);
    expect(parseCsv('a,b')).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(parseCsv('a,\n""')).toEqual([
      { line: 1, fields: ['a', ''] },
      { line: 2, fields: [''] },
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('names the line of a malformed field', () => {
    const cases: [string, number, RegExp][] = [
      ['a,b\nc,"never closed\nd,e', 2, /never closed/],
      ['a,b\nc,d\ne,f"g', 3, /quote inside an unquoted field/],
      ['a,"b"c', 1, /text after a closing quote/],
    ];
    for (const [text, line, message] of cases) {
      let error: unknown;
      try {
        parseCsv(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(CsvError);
      expect((error as CsvError).line, text).toBe(line);
      expect((error as CsvError).message).toMatch(message);
      expect((error as CsvError).message).toMatch(new RegExp(`^line ${line}: `));
    }
  });
});

describe('prompts.csv', () => {
  it('maps files to captions (header optional, negative optional) and finds rows by path or by name', () => {
    const table = parseCaptionTable(
      'file,prompt,negative\nbarn.jpg,"a red barn,\n at dusk",fog\n./sub\\boat.png,a blue boat\nfox,a fox',
    );
    expect(captionRowFor(table, 'barn.jpg')).toEqual({
      prompt: 'a red barn, at dusk',
      negative: 'fog',
      line: 2,
    });
    expect(captionRowFor(table, 'sub/boat.png')).toEqual({ prompt: 'a blue boat', negative: '', line: 4 });
    expect(captionRowFor(table, 'fox.webp')?.prompt).toBe('a fox'); // written without an extension
    expect(captionRowFor(table, 'barn.png')).toBeNull(); // written with one: only that file
    expect(captionRowFor(table, 'sub/fox.jpg')).toBeNull(); // another folder
    expect(parseCaptionTable('a.jpg,first').rows.size).toBe(1); // no header
  });

  it('refuses a malformed table with the line of the problem', () => {
    const cases: [string, string][] = [
      [
        'file,prompt\na.jpg,ok\nb.jpg',
        'prompts.csv line 3: expected 2 or 3 columns (file, prompt[, negative]), found 1',
      ],
      ['a.jpg,x,y,z', 'prompts.csv line 1: expected 2 or 3 columns (file, prompt[, negative]), found 4'],
      ['a.jpg,one\n,two', 'prompts.csv line 2: the file column is empty'],
      ['a.jpg, ', 'prompts.csv line 1: the prompt for "a.jpg" is empty'],
      [
        'a.jpg,one\nb.jpg,two\n./a.jpg,three',
        'prompts.csv line 3: "a.jpg" is listed again (first on line 1)',
      ],
      ['a.jpg,"unclosed\nb.jpg,x', 'prompts.csv line 1: a quoted field is never closed (missing ")'],
    ];
    for (const [text, message] of cases) {
      let error: unknown;
      try {
        parseCaptionTable(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(CaptionTableError);
      expect((error as Error).message).toBe(message);
    }
  });

  it('reads a sidecar as one line; blank means no caption; too long is refused', () => {
    expect(sidecarCaption('\uFEFF  a red barn\r\nat dusk \n')).toBe('a red barn at dusk');
    expect(sidecarCaption(' \n ')).toBeNull();
    expect(() => sidecarCaption('x'.repeat(5_001))).toThrow(/longer than 5000/);
  });
});
