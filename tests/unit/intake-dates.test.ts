import { describe, expect, it } from 'vitest';
import { resolveDate } from '@/lib/intake/dates';

const ZONE = 'Asia/Karachi';
// Thursday 3 December 2026, 09:30 in Karachi.
const PUB = '2026-12-03T04:30:00Z';
const on = (text: string, pub = PUB) => resolveDate(text, pub, ZONE);

describe('resolveDate', () => {
  it('resolves weekdays to the most recent such day on or before publication', () => {
    expect(on('Three people were killed on Tuesday in a blast.')).toMatchObject({ date: '2026-12-01', timePrecision: 1 });
  });

  it.each([
    // Weekdays: the most recent such day on or before publication.
    ['An IED exploded on Thursday.', '2026-12-03'],
    ['Militants attacked a post late Saturday night.', '2026-11-28'],
    ['Two policemen were shot dead on Monday night.', '2026-11-30'],
    ['Last Thursday militants attacked a convoy.', '2026-11-26'],
    // Today, yesterday, last night, the day before yesterday and N days ago.
    ['Two soldiers were martyred today.', '2026-12-03'],
    ['Early this morning a bomb exploded.', '2026-12-03'],
    ['Yesterday, a blast killed two.', '2026-12-02'],
    ['A blast last night killed two.', '2026-12-02'],
    ['Gunmen killed a man the day before yesterday.', '2026-12-01'],
    ['Two days ago gunmen shot a teacher.', '2026-12-01'],
  ])('resolves the day of "%s" as %s', (text, date) => {
    expect(on(text).date).toBe(date);
  });

  it('"last night" is the day before publication, also when published late in the day', () => {
    expect(on('A blast last night killed two.', '2026-12-03T17:00:00Z').date).toBe('2026-12-02');
  });

  it('resolves month and day in either order, with or without a year', () => {
    expect(on('The attack on December 3 killed four.')).toMatchObject({
      date: '2026-12-03',
      spans: [{ field: 'date', text: 'December 3' }],
    });
    expect(on('Gunmen killed two on Dec. 1.').date).toBe('2026-12-01');
    expect(on('On 2nd December, militants attacked.').date).toBe('2026-12-02');
    expect(on('Militants attacked on 30 Nov.').date).toBe('2026-11-30');
    // Not after publication: a December 25 without a year is last year's.
    expect(on('He was killed on December 25.').date).toBe('2025-12-25');
    expect(on('The school attack on December 16, 2014 killed 147.').date).toBe('2014-12-16');
  });

  it('uses the publication day in the zone, not in UTC', () => {
    // 20:30 UTC on 30 November is 01:30 on Tuesday 1 December in Karachi.
    expect(on('Militants attacked late Sunday night.', '2026-11-30T20:30:00Z').date).toBe('2026-11-29');
    expect(on('Militants attacked a post.', '2026-11-30T20:30:00Z')).toEqual({ date: '2026-12-01', timePrecision: 2, spans: [] });
  });

  it('takes a bare publication date as that day', () => {
    expect(on('Gunmen killed two on Tuesday.', '2026-12-03').date).toBe('2026-12-01');
  });

  it('skips the future and prefers the day of the violence', () => {
    expect(on('The funeral will be held on Friday. Militants killed two policemen.')).toMatchObject({
      date: '2026-12-03',
      timePrecision: 2,
    });
    expect(on('Funeral prayers were offered on Wednesday. The soldiers were martyred in an ambush on Monday.').date).toBe('2026-11-30');
    expect(on('The toll may 3 rise.').timePrecision).toBe(2);
  });

  it('gives the span of the expression it used', () => {
    const text = 'Title\nMilitants attacked on Tuesday.';
    const { spans } = on(text);
    expect(spans).toHaveLength(1);
    expect(text.slice(spans[0].start, spans[0].end)).toBe('Tuesday');
  });

  it('rejects a publication time that is not ISO', () => {
    expect(() => on('x', 'yesterday')).toThrow(RangeError);
  });
});

describe('resolveDate: datelines and statements', () => {
  it('skips a dateline, which is the filing day', () => {
    expect(on('QUETTA, Dec 3: Two FC personnel were martyred in an attack on Tuesday.').date).toBe('2026-12-01');
    expect(on('ISLAMABAD, Dec 2 (APP): Militants attacked a post.')).toMatchObject({ date: '2026-12-03', timePrecision: 2 });
  });

  it('prefers the day of the event to the day someone spoke of it', () => {
    expect(on('Police said on Wednesday that gunmen had killed two teachers on Monday.').date).toBe('2026-11-30');
    expect(on('The ISPR said on Wednesday that five terrorists were killed in an operation.').date).toBe('2026-12-02');
  });

  it('a year inside a date is not background', () => {
    expect(on('On December 2, 2026, militants attacked a check post.').date).toBe('2026-12-02');
  });

  it("takes the event's own day over the day a statement was made", () => {
    // PUB is the publication instant of this file's cases; the weekdays resolve against it.
    const friday = on('Friday was quiet.').date;
    const saturday = on('Saturday was quiet.').date;
    expect(on("Police on Saturday blamed the TTP for Friday's bomb attack on a police van.").date).toBe(friday);
    expect(on('Kabul on Saturday accused Pakistan of airstrikes on Friday night that killed dozens.').date).toBe(friday);
    expect(
      on('An injured constable succumbed on Saturday, raising the toll from the attack, which took place late on Friday night.').date,
    ).toBe(friday);
    expect(on('Militants attacked a post on Saturday, police said.').date).toBe(saturday);
  });
});
