import { describe, expect, it } from 'vitest';
import { categoryOf, spanSegments } from '@/components/triage/span-segments';
import type { Span } from '@/lib/intake/types';

const span = (text: string, field: Span['field'], start: number, end: number): Span => ({
  field,
  start,
  end,
  text: text.slice(start, end),
});

describe('spanSegments', () => {
  it('returns the whole text as one plain piece without spans', () => {
    expect(spanSegments('Quiet day', [])).toEqual([{ start: 0, end: 9, text: 'Quiet day', fields: [] }]);
  });

  it('cuts around separate spans and keeps every character once', () => {
    const text = 'Blast in Bannu kills three';
    const segs = spanSegments(text, [span(text, 'location', 9, 14), span(text, 'killed', 21, 26)]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.fields.length).map((s) => [s.text, s.fields])).toEqual([
      ['Bannu', ['location']],
      ['three', ['killed']],
    ]);
  });

  it('splits overlapping spans so each part lists every covering field, narrowest first', () => {
    const text = 'three soldiers were martyred';
    const segs = spanSegments(text, [span(text, 'subEventType', 0, 28), span(text, 'killed', 0, 14)]);
    expect(segs.map((s) => [s.text, s.fields])).toEqual([
      ['three soldiers', ['killed', 'subEventType']],
      [' were martyred', ['subEventType']],
    ]);
  });

  it('clips spans past the end, drops empty ones and merges equal neighbours', () => {
    const text = 'DI Khan';
    const segs = spanSegments(text, [span(text, 'admin2', 0, 2), span(text, 'admin2', 2, 99), span(text, 'group', 4, 4)]);
    expect(segs).toEqual([{ start: 0, end: 7, text: 'DI Khan', fields: ['admin2'] }]);
  });

  it('counts offsets in UTF-16 units, like the extractor', () => {
    const text = '“Kŭlob” 🙂 attack';
    const start = text.indexOf('attack');
    const segs = spanSegments(text, [span(text, 'eventType', start, start + 6)]);
    expect(segs.at(-1)).toMatchObject({ text: 'attack', fields: ['eventType'] });
  });
});

describe('categoryOf', () => {
  it('gives place fields one colour and casualty fields another', () => {
    expect(categoryOf('admin2')).toBe(categoryOf('location'));
    expect(categoryOf('killed')).toBe('casualties');
    expect(categoryOf('killed')).not.toBe(categoryOf('group'));
  });
});
