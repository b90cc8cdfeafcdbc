/**
 * The day an event happened, from the words a report uses, resolved against its publication
 * instant in the reporting time zone. Rules (deterministic; no clock is read):
 * - "today", "this morning", "tonight" → the publication day; "yesterday" → the day before;
 *   "last night" and "overnight" → the day before publication: the press writes them in a
 *   morning or next-day story, and an event "late last night" is coded on the evening it began.
 * - A weekday ("on Tuesday", "late Saturday night", "Monday's attack") → the most recent such
 *   day on or before the publication day; "last Friday" → strictly before it.
 * - A month and day ("December 3", "Dec. 3", "3rd December") → that date in the stated year, or
 *   without a year the most recent such date not after publication.
 * - "N days ago" → publication day − N.
 * A day named in a sentence about violence wins over one named elsewhere (a funeral "on Friday"),
 * and over the day a statement was made ("police said on Wednesday"); a day after "will", "next"
 * or "till" is the future, and a dateline ("QUETTA, Dec 3:") is the filing day: both are skipped. No day named → the
 * publication date with timePrecision 2.
 */
import { dayNumber, dayToDate, isIsoDate, localDate, parseInstant } from '@/lib/time/zone';
import type { Span } from './types';
import { sentenceAt, sentenceBounds, type Bounds } from './sentence-bounds';

export interface ResolvedDate {
  date: string;
  timePrecision: 1 | 2;
  spans: Span[];
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const SMALL_NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, a: 1 };

const MONTH = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:,?\s+((?:19|20)\d\d))?`;

/** One alternation, so a single left-to-right pass finds every day expression; groups name the kind. */
const EXPRESSION = new RegExp(
  [
    String.raw`(?<dayBefore>\bthe day before yesterday\b)`,
    String.raw`(?<yesterday>\byesterday\b)`,
    String.raw`(?<lastNight>\b(?:late |early )?last night\b|\bovernight\b)`,
    String.raw`(?<today>\btoday\b|\b(?:early |late )?this (?:morning|afternoon|evening)\b|\btonight\b)`,
    String.raw`(?<ago>\b(\d|one|two|three|four|five|six|seven|a) days? ago\b)`,
    String.raw`(?<weekday>\b(?:(last|past|this) )?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b)`,
    String.raw`(?<monthDay>\b${MONTH}\s+${DAY}\b${YEAR})`,
    String.raw`(?<dayMonth>\b${DAY}\s+(?:of\s+)?${MONTH}(?![A-Za-z])${YEAR})`,
  ].join('|'),
  // No 'u' flag: the expressions are ASCII, and Unicode case folding makes this scan several times slower.
  'gi',
);

const LOOK_BACK = 60;
const FUTURE = /\b(?:will|shall|next|coming|till|until|scheduled|adjourned|to be held|due)\b[^.;]{0,25}$/iu;
/** "QUETTA, Dec 3 (APP):": the dateline is the filing day, not the event's. */
const DATELINE = /^\s*(?:\([A-Za-z ]{2,12}\))?\s*:/u;
/** "the ISPR said on Monday", "told Dawn on Wednesday": the day of a statement, not of the event. */
const STATEMENT = /\b(?:said|says|told [\p{Lu}][\p{L}]*|announced|stated|confirmed|added)\s+(?:late |early )?(?:on\s+)?$/iu;
/** "Police on Saturday blamed…", "Kabul on Friday accused…": the day the words after it were spoken. */
const STATEMENT_AFTER =
  /^\s+(?:(?:night|morning|evening|afternoon)\s+)?(?:said|says|blamed|claimed|announced|accused|denied|condemned|confirmed|told|stated|vowed|warned)\b/iu;
/** The event's own day: "Friday's bomb attack", "the attack, which took place late on Tuesday night". */
const EVENT_OWN_AFTER =
  /^['’]s?\s+(?:[\p{L}-]+\s+){0,2}?(?:attack|attacks|bombing|blast|explosion|ambush|assault|raid|strike|strikes|shooting|killing|clash|clashes|abduction|kidnapping)\b/iu;
const EVENT_OWN_BEFORE = /\b(?:took\s+place|happened|occurred|(?:was|were)\s+carried\s+out)\s+(?:(?:late|early)\s+)?(?:on\s+)?$/iu;
const VIOLENCE =
  /\b(?:kill|killed|martyr|martyred|attack|attacked|blast|explosion|exploded|injur|injured|wounded|ambush|fired|firing|shot|abduct|abducted|kidnap|kidnapped|clash|operation|struck|detonated|gunmen|militants|terrorists|bomb)/iu;

/** The publication day (day number) in the zone; a bare `YYYY-MM-DD` is taken as that day. */
function publicationDay(publishedAt: string, timeZone: string): number {
  if (isIsoDate(publishedAt)) return dayNumber(publishedAt);
  const ms = parseInstant(publishedAt);
  if (ms === null) throw new RangeError(`not an ISO instant or date: ${publishedAt}`);
  return dayNumber(localDate(ms, timeZone));
}

/** Weekday (0 = Sunday) of a day number: 1970-01-01 was a Thursday. */
const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;

function monthDay(pub: number, month: number, dayOfMonth: number, year: number | null): number | null {
  const pubYear = Number(dayToDate(pub).slice(0, 4));
  for (const y of year !== null ? [year] : [pubYear, pubYear - 1]) {
    const iso = `${y}-${String(month + 1).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
    if (!isIsoDate(iso)) continue;
    const d = dayNumber(iso);
    if (year !== null || d <= pub) return d;
  }
  return null;
}

/** The day an expression names, or null when it names none we can place (an impossible date). */
function resolve(m: RegExpExecArray, pub: number): number | null {
  const g = m.groups!;
  if (g.dayBefore) return pub - 2;
  if (g.yesterday || g.lastNight) return pub - 1;
  if (g.today) return pub;
  if (g.ago) {
    const n = m[6];
    return pub - (SMALL_NUMBERS[n.toLowerCase()] ?? Number(n));
  }
  if (g.weekday) {
    const target = WEEKDAYS.indexOf(m[9].toLowerCase());
    const strictlyBefore = m[8] !== undefined && m[8].toLowerCase() !== 'this';
    const back = (weekdayOf(pub) - target + 7) % 7;
    return pub - (back === 0 && strictlyBefore ? 7 : back);
  }
  // "may" in lower case is the verb ("the toll may 3..." never names a date).
  if ((g.monthDay && m[11] === 'may') || (g.dayMonth && m[16] === 'may')) return null;
  if (g.monthDay) return monthDay(pub, monthIndex(m[11]), Number(m[12]), m[13] ? Number(m[13]) : null);
  if (g.dayMonth) return monthDay(pub, monthIndex(m[16]), Number(m[15]), m[17] ? Number(m[17]) : null);
  return null;
}

const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase());

export function resolveDate(text: string, publishedAt: string, timeZone: string): ResolvedDate {
  const pub = publicationDay(publishedAt, timeZone);
  const bounds = sentenceBounds(text);
  let fallback: { day: number; span: Span; rank: number } | null = null;
  const judged = new Map<Bounds, boolean>();
  const violent = (s: Bounds) => judged.get(s) ?? judged.set(s, VIOLENCE.test(text.slice(s.start, s.end))).get(s)!;
  EXPRESSION.lastIndex = 0;
  for (let m = EXPRESSION.exec(text); m; m = EXPRESSION.exec(text)) {
    const s = sentenceAt(bounds, m.index);
    const end = m.index + m[0].length;
    // Only the words just before matter; a bounded look-back keeps a hostile 50 000-character sentence linear.
    const before = text.slice(Math.max(s.start, m.index - LOOK_BACK), m.index);
    if (FUTURE.test(before) || DATELINE.test(text.slice(end, end + 12))) continue;
    const day = resolve(m, pub);
    if (day === null || day > pub) continue;
    const span: Span = { field: 'date', start: m.index, end, text: m[0] };
    // 4: the event's own day ("Friday's attack", "took place on Tuesday"); 3: a day in a sentence
    // about the violence; 2: the day someone spoke about it; 1: any other.
    const after = text.slice(end, end + 60);
    const rank =
      EVENT_OWN_AFTER.test(after) || EVENT_OWN_BEFORE.test(before)
        ? 4
        : !violent(s)
          ? 1
          : STATEMENT.test(before) || STATEMENT_AFTER.test(after)
            ? 2
            : 3;
    if (rank === 4) return { date: dayToDate(day), timePrecision: 1, spans: [span] };
    if (!fallback || rank > fallback.rank) fallback = { day, span, rank };
  }
  if (fallback) return { date: dayToDate(fallback.day), timePrecision: 1, spans: [fallback.span] };
  return { date: dayToDate(pub), timePrecision: 2, spans: [] };
}
