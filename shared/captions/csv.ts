/**
 * A small RFC 4180 CSV reader for `prompts.csv` (file, prompt[, negative]): comma-separated fields,
 * double-quoted fields that may hold commas, line breaks and `""` for a quote, CRLF or LF line ends, an
 * optional UTF-8 byte-order mark, and blank lines skipped. Strict where a spreadsheet export never
 * strays and a hand edit easily does: a quote inside an unquoted field, text after a closing quote and
 * an unclosed quote are errors that name their line, so the artist can find and fix it.
 */

/** A CSV that does not parse; `line` is 1-based (the line the bad field starts on). */
export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvError';
  }
}

/** One record of a CSV with the line it starts on (1-based). */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Parses `text` into rows; blank lines are skipped. Throws `CsvError` naming the line of the problem. */
export function parseCsv(text: string): CsvRow[] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  // After a closing quote only a separator or the end of the row may follow.
  let closed = false;
  let quotedOpenLine = 0;
  const endField = () => {
    fields.push(field);
    field = '';
    closed = false;
  };
  const endRow = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '' && !quotedOpenLine)) rows.push({ line: rowLine, fields });
    fields = [];
    quotedOpenLine = 0;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '"' && field === '' && !closed) {
      // A quoted field: read to the closing quote, `""` being one quote.
      quotedOpenLine = line;
      i++;
      for (;;) {
        if (i >= src.length) throw new CsvError('a quoted field is never closed (missing ")', quotedOpenLine);
        const q = src[i]!;
        if (q === '"' && src[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (q === '"') {
          i++;
          break;
        } else {
          if (q === '\n') line++;
          field += q;
          i++;
        }
      }
      closed = true;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else if (closed) {
      throw new CsvError('text after a closing quote (a quote inside a field is written "")', line);
    } else if (c === '"') {
      throw new CsvError('a quote inside an unquoted field (put the field in quotes and write "")', line);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0 || closed) endRow();
  return rows;
}
