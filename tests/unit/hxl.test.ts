import { describe, expect, it } from 'vitest';
import { EXPORT_COLUMNS } from '@/lib/acled/export-row';
import { HXL_ROW, HXL_TAGS } from '@/lib/acled/hxl';
import { neutraliseCell } from '@/lib/csv/formula';

describe('HXL hashtags of the export', () => {
  it('tag every column, in column order, each a valid and distinct HXL hashtag', () => {
    expect(HXL_ROW).toHaveLength(EXPORT_COLUMNS.length);
    for (const tag of HXL_ROW) expect(tag).toMatch(/^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/);
    expect(new Set(HXL_ROW).size).toBe(HXL_ROW.length);
    // A hashtag is never read as a formula by a spreadsheet.
    for (const tag of HXL_ROW) expect(neutraliseCell(tag)).toBe(tag);
  });
  it('uses the agreed tags for the core columns', () => {
    expect(HXL_TAGS).toMatchObject({
      event_id_cnty: '#event+id',
      event_date: '#date+occurred',
      iso: '#country+code',
      admin1: '#adm1+name',
      admin2: '#adm2+name',
      location: '#loc+name',
      latitude: '#geo+lat',
      longitude: '#geo+lon',
      group_name: '#group+name+perpetrator',
      event_type: '#event+type',
      sub_event_type: '#event+type+sub',
      fatalities: '#affected+killed',
      injured: '#affected+injured',
      source: '#meta+source',
      notes: '#description',
    });
  });
});
