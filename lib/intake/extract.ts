/**
 * One report in, one draft out: the extractors of lib/intake combined into the draft incident the
 * triage page shows, with every span that supports a field. Pure and deterministic: the clock and
 * the time zone are parameters, so the same report always gives the same draft.
 */
import { assignRegion } from '@/lib/geo/assign-region';
import { parseCasualties } from './casualties';
import { crossBorder } from './cross-border';
import { resolveDate } from './dates';
import { classifyEvent } from './event-type';
import { attribution, type ClaimEntry } from './groups';
import { isIncidentReport } from './not-incident';
import { resolvePlace } from './places';
import { stateActor } from './state-actors';
import type { ReportDraft } from './report-types';
import type { Span } from './types';

export interface ReportInput {
  title: string | null;
  text: string;
  url: string | null;
  /** ISO instant or date; null for a pasted text without one (then `receivedAt` stands in). */
  publishedAt: string | null;
  sourceName: string | null;
}

export interface Extraction {
  isIncident: boolean;
  draft: ReportDraft;
  /** Offsets into `analysedText(input)`, ordered by start. */
  spans: Span[];
  /** Claims, denials and official attributions the text reports (the incident's claims ledger on accept). */
  claims: ClaimEntry[];
  /** Monitored region of the draft's place, or null. */
  region: string | null;
}

/** The text every span indexes into: `title + "\n" + text` (an absent title counts as empty). */
export function analysedText(input: Pick<ReportInput, 'title' | 'text'>): string {
  return `${input.title ?? ''}\n${input.text}`;
}

/** Where a report came from, as the incident's `sources` entry: its URL, else its outlet. */
function sourcesOf(input: ReportInput): string[] {
  const s = input.url ?? input.sourceName;
  return s ? [s] : [];
}

const STATE_COUNTRY: Record<string, string> = { 'pakistan-military': 'PK', 'afghanistan-military': 'AF', 'tajikistan-military': 'TJ' };

const EMPTY_DRAFT = (input: ReportInput): ReportDraft => ({
  occurredAt: null,
  timePrecision: 1,
  country: null,
  admin1: null,
  admin2: null,
  location: null,
  lat: null,
  lon: null,
  geoPrecision: null,
  eventType: null,
  subEventType: null,
  group: null,
  claimStatus: 'unclaimed',
  target: null,
  killed: null,
  injured: null,
  killedBy: null,
  injuredBy: null,
  crossBorder: false,
  sources: sourcesOf(input),
  notes: input.title?.trim() || null,
});

export function extractReport(input: ReportInput, opts: { timeZone: string; receivedAt: string }): Extraction {
  const text = analysedText(input);
  const decision = isIncidentReport(text);
  if (!decision.isIncident) {
    // A funeral, a hearing or a statement: the draft invents nothing; only why it was set apart shows.
    return { isIncident: false, draft: EMPTY_DRAFT(input), spans: decision.spans, claims: [], region: null };
  }
  const place = resolvePlace(text);
  const named = attribution(text);
  const toll = parseCasualties(text);
  // A state force is the actor when it acts alone: a group it fought outranks it, one its air or
  // artillery strike targeted does not (unless the strike killed the group's own fighters: then
  // the group is the armed side of the event), and one that claimed or that officials named always does.
  const acting = stateActor(text, place?.place.country ?? null);
  const struckFighters = !!named.groupId && named.strength > 0 && toll.killedRoles.militants > 0;
  const state = acting && (named.strength < 2 || (named.strength < 3 && acting.kind === 'strike' && !struckFighters)) ? acting : null;
  const who = state
    ? { ...named, groupId: state.groupId, spans: [...named.spans.filter((sp) => sp.field !== 'group'), state.span] }
    : named;
  const what = classifyEvent(text, toll);
  const when = resolveDate(text, input.publishedAt ?? opts.receivedAt, opts.timeZone);
  const border = crossBorder(text, place ? place.place : null);
  // A state's forces acting on a place in another country ("Pakistani airstrikes in Khost") came across a border.
  const foreignForce = !!acting && !!place && STATE_COUNTRY[acting.groupId] !== place.place.country;
  const p = place?.place ?? null;
  const draft: ReportDraft = {
    ...EMPTY_DRAFT(input),
    occurredAt: when.date,
    timePrecision: when.timePrecision,
    country: p?.country ?? null,
    admin1: p ? (p.kind === 'province' ? p.name : p.admin1) : null,
    admin2: p ? (p.kind === 'district' ? p.name : p.admin2) : null,
    location: p && p.kind !== 'province' && p.kind !== 'country' ? p.name : null,
    lat: p?.lat ?? null,
    lon: p?.lon ?? null,
    geoPrecision: place?.geoPrecision ?? null,
    eventType: what.eventType,
    subEventType: what.subEventType,
    group: who.groupId,
    claimStatus: who.claimStatus,
    target: what.target,
    killed: toll.killed,
    injured: toll.injured,
    killedBy: toll.killedBy,
    injuredBy: toll.injuredBy,
    crossBorder: border.crossBorder || foreignForce,
  };
  const region =
    p && draft.country
      ? assignRegion({ country: draft.country, admin1: draft.admin1, admin2: draft.admin2, lat: p.lat, lon: p.lon })
      : null;
  const spans = [
    ...(place?.spans ?? []),
    ...who.spans,
    ...what.spans,
    ...toll.spans,
    ...when.spans,
    ...border.spans,
    ...(foreignForce && !border.crossBorder ? [{ ...acting.span, field: 'crossBorder' as const }] : []),
  ].sort((a, b) => a.start - b.start || a.end - b.end);
  return { isIncident: true, draft, spans, claims: who.claims, region };
}
