import type { RuleDefinition, RuleScope, Severity } from './rule-schema';

/** A rule as the evaluator sees it (parsed JSON columns, instants as epoch ms). */
export type Rule = RuleDefinition & {
  id: number;
  name: string;
  severity: Severity;
  scope: RuleScope;
  webhookUrl: string | null;
  enabled: boolean;
  silencedUntil: number | null;
};

/** The incident columns rules look at. */
export interface IncidentFacts {
  id: number;
  occurredAt: number;
  groupId: string;
  region: string | null;
  eventType: string;
  subEventType: string;
  killed: number | null;
  injured: number | null;
  crossBorder: boolean;
  lat: number;
  lon: number;
  /**
   * A fresh row's unique key while its id is not known yet (PostgreSQL: alert reads sent with the
   * insert, db/services/incident-writes.ts); its id is then a negative stand-in until the insert answers.
   */
  key?: { source: string; sourceId: string };
}

export interface Site {
  id: number;
  name: string;
  lat: number;
  lon: number;
  kind: string;
  example: boolean;
  notes?: string | null;
}

/** A decision to fire: stored as one alert unless (ruleId, dedupeKey) already exists. */
export interface Firing {
  ruleId: number;
  dedupeKey: string;
  incidentIds: number[];
  summary: string;
  details: Record<string, unknown>;
  /** When the condition became true (the anchor incident or evaluation time). */
  at: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
