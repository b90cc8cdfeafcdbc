/**
 * The stored incident as domain code sees it: one row of `incidents` (db/schema/incidents.ts
 * builds the table from these enums and checks its inferred row types against these two at
 * compile time), so lib/ never imports the schema.
 */
export const CLAIM_STATUSES = ['claimed', 'unclaimed', 'disputed'] as const;
export const TARGET_CATEGORIES = [
  'security-forces',
  'civilians',
  'government',
  'foreign-nationals',
  'infrastructure',
  'militants',
  'other',
] as const;
export const VERIFICATION_STATUSES = ['reported', 'confirmed', 'disputed'] as const;
export const DATASETS = ['demo', 'live', 'import'] as const;
/** ACLED semantics: 1 exact day, 2 within a week, 3 within a month. */
export const TIME_PRECISIONS = [1, 2, 3] as const;

type NullableColumns =
  | 'admin1'
  | 'admin2'
  | 'admin3'
  | 'location'
  | 'region'
  | 'actor1'
  | 'assocActors'
  | 'actor2'
  | 'killed'
  | 'injured'
  | 'killedSecurity'
  | 'killedCivilians'
  | 'killedMilitants'
  | 'injuredSecurity'
  | 'injuredCivilians'
  | 'injuredMilitants'
  | 'sourceScale'
  | 'notes'
  | 'importBatchId'
  | 'acledExtra';

/** Columns the database fills when an insert leaves them out. */
type DefaultedColumns =
  | 'id'
  | 'hasTime'
  | 'timePrecision'
  | 'geoPrecision'
  | 'claimStatus'
  | 'target'
  | 'crossBorder'
  | 'sources'
  | 'sourceCount'
  | 'mergedDatasets'
  | 'verification'
  | 'dataset';

/** A row as read. Instants are UTC epoch ms; `occurredDay` is days since 1970-01-01 in the report zone. */
export interface IncidentRecord {
  id: number;
  source: string;
  sourceId: string;
  occurredAt: number;
  occurredDay: number;
  hasTime: boolean;
  timePrecision: number;
  country: string;
  admin1: string | null;
  admin2: string | null;
  admin3: string | null;
  location: string | null;
  lat: number;
  lon: number;
  geoPrecision: number;
  region: string | null;
  eventType: string;
  subEventType: string;
  groupId: string;
  actor1: string | null;
  assocActors: string | null;
  actor2: string | null;
  claimStatus: (typeof CLAIM_STATUSES)[number];
  target: (typeof TARGET_CATEGORIES)[number];
  killed: number | null;
  injured: number | null;
  killedSecurity: number | null;
  killedCivilians: number | null;
  killedMilitants: number | null;
  injuredSecurity: number | null;
  injuredCivilians: number | null;
  injuredMilitants: number | null;
  crossBorder: boolean;
  /** JSON array of source strings (outlet names or URLs). */
  sources: string;
  /**
   * Independent sources the incident rests on: its origin (an import or API row) counts one, and
   * each report accepted into or merged with it counts one more (an incident made from a report
   * counts its reports only).
   */
  sourceCount: number;
  /**
   * Bits (lib/datasets/dataset-bits.ts) of the datasets of incidents merged into this one, beside
   * the dataset its own `source` names; 0 for an incident nothing was merged into.
   */
  mergedDatasets: number;
  sourceScale: string | null;
  verification: (typeof VERIFICATION_STATUSES)[number];
  notes: string | null;
  dataset: (typeof DATASETS)[number];
  importBatchId: number | null;
  /** JSON object of ACLED columns we do not model, for faithful export. */
  acledExtra: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A row as inserted: nullable and defaulted columns may be left out. */
export type NewIncidentRecord = Omit<IncidentRecord, NullableColumns | DefaultedColumns> &
  Partial<Pick<IncidentRecord, NullableColumns | DefaultedColumns>>;
