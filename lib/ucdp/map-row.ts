import type { GroupMatcher } from '@/lib/taxonomy/groups';
import { cellNumber, type MappedRow } from '@/lib/csv/mapped-row';
import { choosePerpetrator, targetFor } from '@/lib/acled/perpetrator';
import { parseAcledDate } from '@/lib/acled/date';
import { datasetActorName } from '@/lib/datasets/actor-names';
import { adminName, cell, codeCell, keptCells } from '@/lib/datasets/cells';
import { UCDP_KEPT } from './columns';

/**
 * `type_of_violence` → ACLED event and sub-event type. UCDP counts only fatal organised violence:
 * state-based (1) and non-state (2) conflict are fighting between armed sides, one-sided violence
 * (3) is an armed side killing civilians. Documented in docs/intake.md, "Datasets".
 */
export const UCDP_VIOLENCE_TYPES: Record<number, { eventType: string; subEventType: string; label: string }> = {
  1: { eventType: 'Battles', subEventType: 'Armed clash', label: 'state-based' },
  2: { eventType: 'Battles', subEventType: 'Armed clash', label: 'non-state' },
  3: { eventType: 'Violence against civilians', subEventType: 'Attack', label: 'one-sided' },
};

/** `date_prec` (1 exact day … 5 only the year) → our time precision (1 day, 2 week, 3 month or coarser). */
export const UCDP_DATE_PRECISION: Record<number, 1 | 2 | 3> = { 1: 1, 2: 2, 3: 2, 4: 3, 5: 3 };

/** `where_prec` (1 exact place … 7 international waters or airspace) → our geo precision (1 town, 2 district, 3 province or coarser). */
export const UCDP_WHERE_PRECISION: Record<number, 1 | 2 | 3> = { 1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3 };

/** Which UCDP column an incident input field came from, to name it in row errors. */
const UCDP_FIELD_COLUMN: Record<string, string> = {
  sourceId: 'id',
  occurredAt: 'date_start',
  timePrecision: 'date_prec',
  country: 'country',
  admin1: 'adm_1',
  admin2: 'adm_2',
  location: 'where_coordinates',
  lat: 'latitude',
  lon: 'longitude',
  geoPrecision: 'where_prec',
  eventType: 'type_of_violence',
  subEventType: 'type_of_violence',
  group: 'side_a',
  actor1: 'side_a',
  actor2: 'side_b',
  killed: 'best',
  'killedBy.security': 'deaths_a',
  'killedBy.civilians': 'deaths_civilians',
  'killedBy.militants': 'deaths_b',
  killedBy: 'best',
  sources: 'source_article',
  notes: 'conflict_name',
};

function date(values: Record<string, string>, column: string, errors: MappedRow['errors']): string | undefined {
  const raw = cell(values, column);
  if (!raw) return undefined;
  // GED's CSV writes "2024-03-16" or, from some tools, "2024-03-16 00:00:00.000".
  const d = parseAcledDate(raw.replace(/[ T]00:00:00(\.0+)?Z?$/, ''));
  if (!d) errors.push({ column, message: `"${raw.slice(0, 40)}" is not a date (YYYY-MM-DD)` });
  return d ?? undefined;
}

/**
 * The deaths split: UCDP counts deaths per side. Side A of a state-based conflict is a government
 * (security forces) and side B the rebels (militants); in non-state conflict both sides are
 * militants; in one-sided violence side A is the perpetrator, whose own dead are militants.
 */
function killedBy(type: number | undefined, a?: number, b?: number, civilians?: number) {
  const sum = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));
  if (type === 1) return { security: a, militants: b, civilians };
  if (type === 2) return { militants: sum(a, b), civilians };
  return { militants: a, civilians };
}

/** One UCDP GED row → incident input (validated later by incidentInputSchema). Pure. */
export function mapUcdpRow(values: Record<string, string>, matcher: GroupMatcher): MappedRow {
  const errors: MappedRow['errors'] = [];
  const type = codeCell(values, 'type_of_violence', [1, 2, 3], errors);
  const datePrec = codeCell(values, 'date_prec', [1, 2, 3, 4, 5], errors);
  const wherePrec = codeCell(values, 'where_prec', [1, 2, 3, 4, 5, 6, 7], errors);
  const start = date(values, 'date_start', errors);
  const end = date(values, 'date_end', errors);
  if (start && end && end < start) errors.push({ column: 'date_end', message: `is before date_start (${start})` });
  const sideA = cell(values, 'side_a');
  const sideB = cell(values, 'side_b');
  const kind = type === undefined ? undefined : UCDP_VIOLENCE_TYPES[type];
  // Side A of state-based violence is a government; side B of one-sided violence is civilians.
  const perp = sideA
    ? choosePerpetrator(
        {
          actor1: datasetActorName(sideA),
          actor2: sideB && datasetActorName(sideB),
          inter1: type === 1 ? '1' : undefined,
          inter2: type === 3 ? '7' : undefined,
          subEventType: kind?.subEventType ?? '',
        },
        matcher,
      )
    : null;
  const best = cellNumber(values, 'best', errors);
  const low = cell(values, 'low');
  const high = cell(values, 'high');
  const split = killedBy(
    type,
    cellNumber(values, 'deaths_a', errors),
    cellNumber(values, 'deaths_b', errors),
    cellNumber(values, 'deaths_civilians', errors),
  );
  const range = start && end && end !== start ? `; dates ${start} to ${end}` : '';
  const estimate = low || high ? `; deaths best ${best ?? '?'} (low ${low ?? '?'}, high ${high ?? '?'})` : '';
  const what = [cell(values, 'conflict_name'), cell(values, 'dyad_name')].filter(Boolean).join(' / ');
  const place = cell(values, 'where_description');

  const input: Record<string, unknown> = {
    source: 'ucdp',
    sourceId: cell(values, 'id'),
    occurredAt: start ?? '',
    timePrecision: datePrec === undefined ? 1 : UCDP_DATE_PRECISION[datePrec],
    country: cell(values, 'country') ?? '',
    admin1: adminName(cell(values, 'adm_1')),
    admin2: adminName(cell(values, 'adm_2')),
    location: cell(values, 'where_coordinates') ?? null,
    lat: cellNumber(values, 'latitude', errors) ?? null,
    lon: cellNumber(values, 'longitude', errors) ?? null,
    geoPrecision: wherePrec === undefined ? 1 : UCDP_WHERE_PRECISION[wherePrec],
    eventType: kind?.eventType ?? '',
    subEventType: kind?.subEventType ?? '',
    group: perp ? perp.actor : '',
    actor1: sideA ?? null,
    actor2: sideB ?? null,
    target: perp ? targetFor(perp, type === 3) : 'other',
    killed: best ?? null,
    killedBy: split,
    sources: (cell(values, 'source_article') ?? '')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)
      .slice(0, 50),
    notes: `UCDP GED ${kind?.label ?? ''} violence${what ? `: ${what}` : ''}${place ? `; ${place}` : ''}${range}${estimate}`.slice(
      0,
      10_000,
    ),
  };
  return { input, extra: keptCells(values, UCDP_KEPT), errors, columns: UCDP_FIELD_COLUMN };
}
