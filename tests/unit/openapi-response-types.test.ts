import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { AlertItem } from '@/db/queries/alerts';
import type { AuditRow } from '@/db/queries/audit';
import type { Facets } from '@/db/queries/facets';
import type { IncidentPage } from '@/db/queries/incidents';
import type { Timeline } from '@/db/queries/timeline';
import type { AlertPage } from '@/db/services/alerts';
import type { RuleItem } from '@/db/services/alert-rule-store';
import type { ImportReport } from '@/server/import/import';
import type { TesterResult } from '@/db/queries/rule-tester';
import type { DeliveryItem } from '@/db/services/webhooks';
import type { Site } from '@/lib/alerts/types';
import type { IncidentDetail, IncidentItem } from '@/lib/incidents/item';
import type { Decided } from '@/db/services/report-decisions';
import type * as intake from '@/lib/openapi/intake-responses';
import type { MapFeature } from '@/lib/map/cluster';
import type { MapCellsResponse } from '@/lib/contract';
import type { ErrorCode } from '@/lib/errors';
import type { WeeklyReport } from '@/lib/reports/types';
import type * as r from '@/lib/openapi/responses';
import type { weeklyReportSchema } from '@/lib/openapi/weekly-response';
import type * as rr from '@/lib/openapi/report-response';
import type { pollResultSchema, sourceItemSchema } from '@/lib/openapi/source-response';
import type { ReportItem, ReportPage, ReportSummary, SourceItem } from '@/lib/intake/report-types';
import type { matchItemSchema, matchPageSchema } from '@/lib/openapi/match-operations';
import type { MatchItem, MatchPage } from '@/lib/datasets/match-types';
import type { PollResult } from '@/server/intake/poll-source';

/**
 * The answer schemas of the OpenAPI document against the types the handlers return: `tsc`
 * fails on this file when a field is added, removed or retyped on one side only.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Out<S extends z.ZodType> = z.output<S>;

const checks: Record<string, true> = {
  // `busy` (503) is answered by route() for SQLITE_BUSY without an AppError.
  errorCode: true satisfies Same<Out<typeof r.errorBodySchema>['error']['code'], ErrorCode | 'busy'>,
  incident: true satisfies Same<Out<typeof r.incidentItemSchema>, IncidentItem>,
  incidentPage: true satisfies Same<Out<typeof r.incidentPageSchema>, IncidentPage>,
  facets: true satisfies Same<Out<typeof r.facetsSchema>, Facets>,
  timeline: true satisfies Same<Out<typeof r.timelineSchema>, Timeline>,
  mapFeature: true satisfies Same<Out<typeof r.mapViewSchema>['features'][number], MapFeature>,
  mapCells: true satisfies Same<Out<typeof r.mapCellsSchema>, MapCellsResponse>,
  audit: true satisfies Same<Out<typeof r.auditPageSchema>, { items: AuditRow[]; nextCursor: number | null }>,
  importReport: true satisfies Same<Out<typeof r.importReportSchema>, ImportReport>,
  alert: true satisfies Same<Out<typeof r.alertSchema>, AlertItem>,
  alertPage: true satisfies Same<Out<typeof r.alertPageSchema>, AlertPage>,
  rule: true satisfies Same<Out<typeof r.ruleItemSchema>, RuleItem>,
  ruleTest: true satisfies Same<Out<typeof r.ruleTestSchema>, TesterResult>,
  site: true satisfies Same<Out<typeof r.siteSchema>, Site>,
  delivery: true satisfies Same<Out<typeof r.deliverySchema>, DeliveryItem>,
  incidentDetail: true satisfies Same<Out<typeof intake.incidentDetailSchema>, IncidentDetail>,
  decided: true satisfies Same<Out<typeof intake.decidedSchema>, Decided>,
  weekly: true satisfies Same<Out<typeof weeklyReportSchema>, WeeklyReport>,
  report: true satisfies Same<Out<typeof rr.reportItemSchema>, ReportItem>,
  reportPage: true satisfies Same<Out<typeof rr.reportPageSchema>, ReportPage>,
  reportSummary: true satisfies Same<Out<typeof rr.reportSummarySchema>, ReportSummary>,
  source: true satisfies Same<Out<typeof sourceItemSchema>, SourceItem>,
  sourcePoll: true satisfies Same<Out<typeof pollResultSchema>, PollResult>,
  match: true satisfies Same<Out<typeof matchItemSchema>, MatchItem>,
  matchPage: true satisfies Same<Out<typeof matchPageSchema>, MatchPage>,
};

describe('OpenAPI answer schemas', () => {
  it('match the handlers’ return types (checked by tsc)', () => {
    expect(Object.values(checks).every(Boolean)).toBe(true);
  });
});
