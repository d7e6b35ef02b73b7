import { Invalid } from '../errors.ts';

export interface CsvRecord {
  /** The file line the record starts on (1 = the header), as a spreadsheet numbers it. */
  line: number;
  cells: string[];
}

/**
 * RFC 4180 CSV as spreadsheets save it: quoted cells may hold commas, quotes ("") and line breaks; CRLF or LF;
 * a UTF-8 byte-order mark is dropped. Blank lines are skipped. An unclosed quote is Invalid with its line.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      start = line;
    } else {
      cell += char;
    }
  }
  if (quoted) throw new Invalid(`a quoted cell starting on line ${start} is never closed`, { field: 'body', extra: { line: start } });
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}
