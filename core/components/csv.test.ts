import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks, numbering records by the line they start on', () => {
    const text = '\uFEFFcode,name\r\n1,"路灯, 东侧"\r\n\r\n2,"说""明"\n3,"两\n行"\n4,last';
    assert.deepEqual(parseCsv(text), [
      { line: 1, cells: ['code', 'name'] },
      { line: 2, cells: ['1', '路灯, 东侧'] },
      { line: 4, cells: ['2', '说"明'] },
      { line: 5, cells: ['3', '两\n行'] },
      { line: 7, cells: ['4', 'last'] },
    ]);
  });

  it('keeps empty cells and refuses an unclosed quote, naming its line', () => {
    assert.deepEqual(parseCsv('a,,c\n'), [{ line: 1, cells: ['a', '', 'c'] }]);
    assert.throws(() => parseCsv('a,b\n1,"open\n'), (error: Error & { status?: number }) => error.status === 422 && /line 2/.test(error.message));
  });
});
