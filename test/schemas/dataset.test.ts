import { describe, expect, it } from 'vitest';
import { cellText, mapHeaders } from '../../schemas/dataset.ts';
import { SERVICE_RECORD_COLUMNS } from '../../schemas/datasets/service-records.ts';

describe('mapHeaders', () => {
  it('maps English keys and Chinese aliases in any order, with BOM, spaces and full-width brackets', () => {
    const m = mapHeaders(SERVICE_RECORD_COLUMNS, [
      '\uFEFF记录编号',
      ' 服务时长（小时） ',
      'district',
      '街道代码',
      '义工编号',
      '项目编号',
      '服务类别',
      '服务日期',
    ]);
    expect(m.keys).toEqual([
      'record_id',
      'hours',
      'district',
      'street_code',
      'volunteer_id',
      'project_code',
      'category',
      'service_date',
    ]);
    expect(m.missing).toEqual([]);
  });

  it('drops personal columns, reports unknown ones and missing required ones', () => {
    const m = mapHeaders(SERVICE_RECORD_COLUMNS, ['record_id', '姓名', '手机', 'remark']);
    expect(m.keys).toEqual(['record_id', undefined, undefined, undefined]);
    expect(m.personal).toEqual(['姓名', '手机']);
    expect(m.unknown).toEqual(['remark']);
    expect(m.missing).toEqual(['district', 'street_code', 'volunteer_id', 'project_code', 'category', 'service_date']);
  });

  it('keeps the first of two headers naming the same column', () => {
    const m = mapHeaders(SERVICE_RECORD_COLUMNS, ['义工编号', '身份证号']);
    expect(m.keys).toEqual(['volunteer_id', undefined]);
    expect(m.unknown).toEqual(['身份证号']);
  });
});

describe('cellText', () => {
  it('normalises reader values to trimmed text', () => {
    expect(cellText('  a ')).toBe('a');
    expect(cellText('')).toBeUndefined();
    expect(cellText(null)).toBeUndefined();
    expect(cellText(2.5)).toBe('2.5');
    expect(cellText(new Date(Date.UTC(2026, 2, 5)))).toBe('2026-03-05');
  });
});
