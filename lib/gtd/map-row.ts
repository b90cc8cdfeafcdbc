import type { GroupMatcher } from '@/lib/taxonomy/groups';
import { foldName } from '@/lib/taxonomy/normalize';
import { cellNumber, type MappedRow } from '@/lib/csv/mapped-row';
import { datasetActorName } from '@/lib/datasets/actor-names';
import { adminName, cell, codeCell, keptCells } from '@/lib/datasets/cells';
import { GTD_KEPT } from './columns';
import { GTD_ATTACK_TYPES, GTD_SPECIFICITY, GTD_TARGET_TYPES, SECURITY_TARGETS } from './tables';

/** Which GTD column an incident input field came from, to name it in row errors. */
const GTD_FIELD_COLUMN: Record<string, string> = {
  sourceId: 'eventid',
  occurredAt: 'iday',
  timePrecision: 'iday',
  country: 'country_txt',
  admin1: 'provstate',
  location: 'city',
  lat: 'latitude',
  lon: 'longitude',
  geoPrecision: 'specificity',
  eventType: 'attacktype1_txt',
  subEventType: 'attacktype1_txt',
  group: 'gname',
  actor1: 'gname',
  killed: 'nkill',
  injured: 'nwound',
  killedBy: 'nkillter',
  'killedBy.militants': 'nkillter',
  injuredBy: 'nwoundte',
  'injuredBy.militants': 'nwoundte',
  sources: 'scite1',
  notes: 'summary',
};

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * `iyear`/`imonth`/`iday`, where 0 means unknown, → a date and its precision. An unknown day is
 * the 15th of the month, an unknown month 1 July (the middle), both with precision 3, our coarsest;
 * a known day with an `approxdate` is precision 2. The note says what was unknown.
 */
export function gtdDate(
  values: Record<string, string>,
  errors: MappedRow['errors'],
): { date: string; precision: 1 | 2 | 3; unknown: string | null } | null {
  const year = cellNumber(values, 'iyear', errors);
  const month =
    codeCell(
      values,
      'imonth',
      Array.from({ length: 13 }, (_, i) => i),
      errors,
    ) ?? 0;
  const day =
    codeCell(
      values,
      'iday',
      Array.from({ length: 32 }, (_, i) => i),
      errors,
    ) ?? 0;
  if (year === undefined || !Number.isInteger(year) || year < 1970 || year > 2100) {
    if (year !== undefined) errors.push({ column: 'iyear', message: 'must be a year from 1970' });
    return null;
  }
  if (errors.length) return null;
  if (month === 0) return { date: `${year}-07-01`, precision: 3, unknown: 'month and day unknown' };
  if (day === 0) return { date: `${year}-${pad(month)}-15`, precision: 3, unknown: 'day unknown' };
  const t = new Date(Date.UTC(year, month - 1, day));
  if (t.getUTCMonth() !== month - 1) {
    errors.push({ column: 'iday', message: `${year}-${pad(month)} has no day ${day}` });
    return null;
  }
  return { date: `${year}-${pad(month)}-${pad(day)}`, precision: cell(values, 'approxdate') ? 2 : 1, unknown: null };
}

/** `attacktype1_txt` (with `suicide` and `targtype1_txt`) → ACLED event and sub-event type; null when unknown. */
export function gtdEventType(attack: string, suicide: boolean, targetType: string): { eventType: string; subEventType: string } | null {
  const key = attack.trim().toLowerCase();
  const base = GTD_ATTACK_TYPES[key];
  if (!base) return null;
  if (key === 'bombing/explosion' && suicide) return { eventType: base.eventType, subEventType: 'Suicide bomb' };
  if (key === 'armed assault' && SECURITY_TARGETS.has(targetType.trim().toLowerCase()))
    return { eventType: 'Battles', subEventType: 'Armed clash' };
  return base;
}

/** claimed 1 → claimed (disputed when the GTD marks the perpetrator as suspected, guncertain1 = 1); 0 or -9 → unclaimed. */
function claimStatus(values: Record<string, string>, errors: MappedRow['errors']): 'claimed' | 'unclaimed' | 'disputed' {
  const claimed = codeCell(values, 'claimed', [1, 0, -9], errors);
  if (claimed !== 1) return 'unclaimed';
  return cell(values, 'guncertain1') === '1' ? 'disputed' : 'claimed';
}

/** One GTD row → incident input (validated later by incidentInputSchema). Pure; the matcher is not consulted. */
export function mapGtdRow(values: Record<string, string>, matcher?: GroupMatcher): MappedRow {
  void matcher;
  const errors: MappedRow['errors'] = [];
  const when = gtdDate(values, errors);
  const attack = cell(values, 'attacktype1_txt') ?? '';
  const suicide = codeCell(values, 'suicide', [0, 1], errors) === 1;
  const targetType = cell(values, 'targtype1_txt') ?? '';
  const type = gtdEventType(attack, suicide, targetType);
  if (attack && !type) errors.push({ column: 'attacktype1_txt', message: `"${attack.slice(0, 40)}" is not a GTD attack type` });
  const specificity = codeCell(values, 'specificity', [1, 2, 3, 4, 5], errors);
  const doubt = codeCell(values, 'doubtterr', [0, 1, -9], errors);
  const gname = cell(values, 'gname');
  const nkillter = cellNumber(values, 'nkillter', errors);
  const nwoundte = cellNumber(values, 'nwoundte', errors);
  const notes = [
    cell(values, 'summary'),
    when?.unknown ? `GTD date: ${when.unknown}${cell(values, 'approxdate') ? ` (${cell(values, 'approxdate')})` : ''}` : null,
    !when?.unknown && cell(values, 'approxdate') ? `GTD approximate date: ${cell(values, 'approxdate')}` : null,
    doubt === 1
      ? `GTD doubts this is terrorism proper${cell(values, 'alternative_txt') ? ` (${cell(values, 'alternative_txt')})` : ''}`
      : null,
  ].filter(Boolean);

  const input: Record<string, unknown> = {
    source: 'gtd',
    sourceId: cell(values, 'eventid'),
    occurredAt: when?.date ?? '',
    timePrecision: when?.precision ?? 1,
    country: cell(values, 'country_txt') ?? '',
    admin1: adminName(cell(values, 'provstate')),
    location: cell(values, 'city') && foldName(cell(values, 'city')!) !== 'unknown' ? cell(values, 'city') : null,
    lat: cellNumber(values, 'latitude', errors) ?? null,
    lon: cellNumber(values, 'longitude', errors) ?? null,
    geoPrecision: specificity === undefined ? 1 : GTD_SPECIFICITY[specificity],
    eventType: type?.eventType ?? '',
    subEventType: type?.subEventType ?? '',
    group: gname ? datasetActorName(gname) : '',
    actor1: gname ?? null,
    claimStatus: claimStatus(values, errors),
    target: GTD_TARGET_TYPES[targetType.toLowerCase()] ?? 'other',
    killed: cellNumber(values, 'nkill', errors) ?? null,
    injured: cellNumber(values, 'nwound', errors) ?? null,
    killedBy: nkillter === undefined ? undefined : { militants: nkillter },
    injuredBy: nwoundte === undefined ? undefined : { militants: nwoundte },
    sources: ['scite1', 'scite2', 'scite3'].map((k) => cell(values, k)).filter((s): s is string => !!s),
    notes: notes.length ? notes.join('\n') : null,
  };
  return { input, extra: keptCells(values, GTD_KEPT), errors, columns: GTD_FIELD_COLUMN };
}
