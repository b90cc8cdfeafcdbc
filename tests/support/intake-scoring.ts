/**
 * What "right" means for each field of the intake's accuracy figures (issue 18), in one place: the
 * threshold test (tests/unit/intake-accuracy.test.ts) and the measurement that prints the table in
 * docs/intake.md (bench/intake-accuracy.ts) both score `extractReport`, the path the product uses.
 */
import { extractReport, type Extraction } from '@/lib/intake/extract';
import { namesStartingWith } from '@/lib/intake/gazetteer';
import { nameTokens } from '@/lib/intake/tokens';
import type { LabelledReport } from '../fixtures/intake/reports/index';

/** Labels are days in Pakistan; reports are read in the zone the product is configured with there. */
export const SCORING_TIME_ZONE = 'Asia/Karachi';

export interface Scored {
  report: LabelledReport;
  got: Extraction;
}

export function extractLabelled(r: LabelledReport): Scored {
  const got = extractReport(
    { title: r.title, text: r.text, url: null, publishedAt: r.publishedAt, sourceName: r.outlet },
    { timeZone: SCORING_TIME_ZONE, receivedAt: r.publishedAt },
  );
  return { report: r, got };
}

/** The labelled town as the draft names it, or by another spelling of the same place ("Khorog" for "Khorugh"). */
function sameTown(label: string, location: string): boolean {
  if (label === location) return true;
  const tokens = nameTokens(label);
  const entry = namesStartingWith(tokens[0] ?? '').find((e) => e.tokens.join(' ') === tokens.join(' '));
  return !!entry?.places.some((p) => p.name === location);
}

/** "District or town right": the labelled town, or a place in (or being) the labelled district; with neither labelled, the province. */
export function placeRight({ report, got }: Scored): boolean {
  const d = got.draft;
  const e = report.expect;
  if (!d.country) return false;
  if (e.town && d.location && sameTown(e.town, d.location)) return true;
  if (e.district) return d.admin2 === e.district;
  return !e.town && d.admin1 === e.province;
}

export const groupRight = ({ report, got }: Scored) => got.draft.group === report.expect.group;
export const claimRight = ({ report, got }: Scored) => got.draft.claimStatus === report.expect.claimStatus;
export const killedRight = ({ report, got }: Scored) => got.draft.killed === report.expect.killed;
export const subEventRight = ({ report, got }: Scored) => got.draft.subEventType === report.expect.subEventType;
export const dateRight = ({ report, got }: Scored) => got.draft.occurredAt === report.expect.date;
export const crossBorderRight = ({ report, got }: Scored) => got.draft.crossBorder === report.expect.crossBorder;

/** The security/civilians/militants split exact (a role with nobody counts as 0); null only when the label is null. */
export function splitRight({ report, got }: Scored): boolean {
  const have = got.draft.killedBy;
  const want = report.expect.killedBy;
  if (!want) return have === null;
  return (
    !!have && (have.security ?? 0) === want.security && (have.civilians ?? 0) === want.civilians && (have.militants ?? 0) === want.militants
  );
}

/** A report that is no incident is flagged, and its draft invents no place, type, group or casualties. */
export function notIncidentRight({ got }: Scored): boolean {
  const d = got.draft;
  return (
    !got.isIncident &&
    [d.country, d.admin1, d.admin2, d.location, d.lat, d.eventType, d.subEventType, d.group, d.killed, d.injured, d.killedBy].every(
      (v) => v === null,
    )
  );
}

export interface AccuracyRow {
  field: string;
  right: number;
  of: number;
  /** The floor as a share, or null when the issue sets none. */
  target: number | null;
  misses: string[];
}

/** Every figure of the accuracy table for a set of labelled reports. */
export function accuracy(reports: LabelledReport[]): AccuracyRow[] {
  const scored = reports.map(extractLabelled);
  const incidents = scored.filter((s) => s.report.expect.isIncident);
  const others = scored.filter((s) => !s.report.expect.isIncident);
  const row = (field: string, set: Scored[], right: (s: Scored) => boolean, target: number | null): AccuracyRow => {
    const misses = set.filter((s) => !right(s)).map((s) => s.report.id);
    return { field, right: set.length - misses.length, of: set.length, target, misses };
  };
  return [
    row('district or town', incidents, placeRight, 0.9),
    row('perpetrator group', incidents, groupRight, 0.85),
    row('claim status', incidents, claimRight, null),
    row('killed total exact', incidents, killedRight, 0.85),
    row('killed split exact', incidents, splitRight, 0.75),
    row('sub-event type', incidents, subEventRight, 0.8),
    row('date exact', incidents, dateRight, 0.9),
    row('cross-border', incidents, crossBorderRight, null),
    row('incidents kept as incidents', incidents, (s) => s.got.isIncident, null),
    row('not-incidents flagged, nothing invented', others, notIncidentRight, 1),
  ];
}

export const percent = (r: AccuracyRow) => (r.of ? (100 * r.right) / r.of : 100).toFixed(1);
