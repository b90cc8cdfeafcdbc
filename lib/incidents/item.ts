import type { IncidentRecord as IncidentRow } from './record';
import { dayToDate } from '@/lib/time/zone';
import { isoInstant } from '@/lib/time/iso';
import { REGION_BY_ID, type RegionId } from '@/lib/taxonomy/regions';
import { datasetMask, namesOf, type DatasetName } from '@/lib/datasets/dataset-bits';
import type { ClaimRecord, SourceRecord } from '@/lib/intake/report-types';

/** The public JSON shape of an incident (API items, exports, UI). */
export interface IncidentItem {
  id: number;
  source: string;
  sourceId: string;
  occurredAt: string;
  /** Calendar date of the occurrence in the reporting time zone (or the given date). */
  occurredDate: string;
  hasTime: boolean;
  timePrecision: number;
  region: string | null;
  regionName: string | null;
  group: string;
  groupName: string;
  groupColour: string;
  groupKind: string;
  actor1: string | null;
  assocActors: string | null;
  actor2: string | null;
  eventType: string;
  subEventType: string;
  claimStatus: string;
  target: string;
  killed: number | null;
  injured: number | null;
  casualties: {
    killed: { security: number | null; civilians: number | null; militants: number | null };
    injured: { security: number | null; civilians: number | null; militants: number | null };
  };
  crossBorder: boolean;
  lat: number;
  lon: number;
  geoPrecision: number;
  country: string;
  admin1: string | null;
  admin2: string | null;
  admin3: string | null;
  location: string | null;
  notes: string | null;
  sources: string[];
  /** Independent sources the incident rests on (IncidentRecord.sourceCount). */
  sourceCount: number;
  sourceScale: string | null;
  /** The datasets the incident rests on: its own source's and those of incidents merged into it. */
  datasets: DatasetName[];
  verification: string;
  dataset: string;
  importBatchId: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One incident as GET /api/incidents/{id} answers it: the item plus its reports' figures and its claims ledger. */
export interface IncidentDetail extends IncidentItem {
  /** Each report accepted into or merged with the incident, oldest publication first. */
  sourceRecords: SourceRecord[];
  /** Claims, denials and official attributions, oldest first. */
  claims: ClaimRecord[];
}

function parseSources(s: string): string[] {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

export function toIncidentItem(r: IncidentRow, g: { groupName: string; groupColour: string; groupKind: string }): IncidentItem {
  return {
    id: r.id,
    source: r.source,
    sourceId: r.sourceId,
    occurredAt: isoInstant(r.occurredAt),
    occurredDate: dayToDate(r.occurredDay),
    hasTime: r.hasTime,
    timePrecision: r.timePrecision,
    region: r.region,
    regionName: r.region ? (REGION_BY_ID.get(r.region as RegionId)?.name ?? r.region) : null,
    group: r.groupId,
    groupName: g.groupName,
    groupColour: g.groupColour,
    groupKind: g.groupKind,
    actor1: r.actor1,
    assocActors: r.assocActors,
    actor2: r.actor2,
    eventType: r.eventType,
    subEventType: r.subEventType,
    claimStatus: r.claimStatus,
    target: r.target,
    killed: r.killed,
    injured: r.injured,
    casualties: {
      killed: { security: r.killedSecurity, civilians: r.killedCivilians, militants: r.killedMilitants },
      injured: { security: r.injuredSecurity, civilians: r.injuredCivilians, militants: r.injuredMilitants },
    },
    crossBorder: r.crossBorder,
    lat: r.lat,
    lon: r.lon,
    geoPrecision: r.geoPrecision,
    country: r.country,
    admin1: r.admin1,
    admin2: r.admin2,
    admin3: r.admin3,
    location: r.location,
    notes: r.notes,
    sources: parseSources(r.sources),
    sourceCount: r.sourceCount,
    sourceScale: r.sourceScale,
    datasets: namesOf(datasetMask(r.source, r.mergedDatasets)),
    verification: r.verification,
    dataset: r.dataset,
    importBatchId: r.importBatchId,
    createdAt: isoInstant(r.createdAt),
    updatedAt: isoInstant(r.updatedAt),
  };
}
