import type { Change, Direction } from './change';

/** Public JSON of GET /api/reports/weekly (field names are a contract: extend, never rename). */
export interface Counts {
  incidents: number;
  killed: number;
  injured: number;
}

export interface Split {
  security: number;
  civilians: number;
  militants: number;
  /** Casualties in rows whose split is not reported. */
  unattributed: number;
}

export interface Totals extends Counts {
  killedBy: Split;
  injuredBy: Split;
}

export interface ChangeSet {
  incidents: Change;
  killed: Change;
  injured: Change;
  direction: Direction;
}

export interface BreakdownRow extends Counts {
  previous: Counts;
  delta: Counts;
  change: { incidents: Change; killed: Change };
}

export interface RegionRow extends BreakdownRow {
  /** A monitored region id, or `none` for incidents in no monitored region ("Elsewhere"). */
  region: string;
  name: string;
}

export interface GroupRow extends BreakdownRow {
  group: string;
  name: string;
  abbreviation: string | null;
  colour: string;
  claimed: number;
}

export interface TypeRow extends BreakdownRow {
  eventType: string;
}

export interface TrendWeek extends Counts {
  week: string;
  start: string;
  byRegion: Record<string, Counts>;
}

export interface IncidentRef {
  id: number;
  date: string;
  occurredAt: string;
  timePrecision: number;
  place: string;
  region: string | null;
  group: string;
  groupName: string;
  eventType: string;
  subEventType: string;
  killed: number | null;
  injured: number | null;
  claimStatus: string;
  link: string;
}

export interface AlertRef {
  id: number;
  ruleName: string;
  severity: string;
  status: string;
  firedAt: string;
  summary: string;
}

/** A claim or denial made during the week (the incident's claims ledger), with the incident it is about. */
export interface ClaimRef {
  kind: 'claim' | 'denial';
  group: string;
  groupName: string;
  /** Who made it (a spokesman), when the report says. */
  by: string | null;
  /** When the report that carried it was published (else fetched). */
  at: string;
  incidentId: number;
  incidentDate: string;
  place: string;
  link: string;
}

export interface NewActor {
  group: string;
  groupName: string;
  region: string;
  regionName: string;
  firstIncidentId: number;
  incidents: number;
}

/** The week's incidents a dataset (ACLED) deleted or updated after the week ended. */
export interface WeekRevisions {
  deleted: number;
  updated: number;
}

export interface WeeklyReport {
  week: string;
  start: string;
  end: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  complete: boolean;
  filters: { group: string[]; region: string[]; source: string[] };
  totals: Totals;
  previous: Totals & { week: string };
  fourWeekAverage: Counts & { weeks: string[] };
  change: { previous: ChangeSet; fourWeekAverage: ChangeSet };
  byRegion: RegionRow[];
  byGroup: GroupRow[];
  byType: TypeRow[];
  trend: TrendWeek[];
  notable: IncidentRef[];
  alerts: AlertRef[];
  newActors: NewActor[];
  crossBorder: IncidentRef[];
  crossBorderCount: number;
  /** Claims and denials made this week (first 100, oldest first), on incidents inside the filter. */
  claims: ClaimRef[];
  imprecise: { count: number; ids: number[] };
  provenance: { demo: number; imported: number; live: number };
  /** Revised since first published: incidents of this week deleted or updated by ACLED after it ended. */
  revisions: WeekRevisions;
  narrative: string;
}
