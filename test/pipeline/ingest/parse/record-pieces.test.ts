import { describe, expect, it } from 'vitest';
import { RecordPieces } from '../../../../pipeline/ingest/parse/record-pieces.ts';

describe('RecordPieces', () => {
  it('cuts spans at every maxRecords-th record end and numbers rows on across spans', () => {
    const pieces = new RecordPieces(2);
    // Span 1: records a|b|c (ends at 2, 4, 6); span 2: d|e (ends at 2, 4).
    for (const end of [2, 4, 6]) pieces.onRecordEnd(end);
    const first = [...pieces.cut(6, (from, to) => 'a\nb\nc\n'.slice(from, to))];
    for (const end of [2, 4]) pieces.onRecordEnd(end);
    const second = [...pieces.cut(4, (from, to) => 'd\ne\n'.slice(from, to))];
    expect([...first, ...second]).toEqual([
      { content: 'a\nb\n', firstRowNumber: 2, records: 2 },
      { content: 'c\n', firstRowNumber: 4, records: 1 },
      { content: 'd\ne\n', firstRowNumber: 5, records: 2 },
    ]);
    expect([...pieces.cut(0, () => '')]).toEqual([]);
  });
});
