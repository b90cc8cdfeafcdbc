import { z } from 'zod';
import { CLAIM_STATUSES, TARGET_CATEGORIES } from '@/lib/incidents/record';
import { REPORT_STATUSES } from '@/lib/intake/report-types';
import type { IntakeField } from '@/lib/intake/types';

/**
 * The intake's report answers (GET/POST /api/reports, the stream's `report` event) for the
 * OpenAPI document; tests/unit/openapi-response-types.test.ts holds them to ReportItem and ReportPage.
 */
const int = z.number().int();
const instant = z.string().meta({ format: 'date-time', description: 'ISO instant (UTC)' });
/** The fields a span can support (lib/intake/types.ts IntakeField; the type test keeps them equal). */
const SPAN_FIELDS = [
  'location',
  'admin2',
  'admin1',
  'country',
  'group',
  'claim',
  'killed',
  'injured',
  'eventType',
  'subEventType',
  'date',
  'crossBorder',
  'target',
  'notIncident',
] as const satisfies readonly IntakeField[];
const split = z.object({ security: int.nullable(), civilians: int.nullable(), militants: int.nullable() });

const draftSchema = z
  .object({
    occurredAt: z.string().nullable().meta({ description: 'YYYY-MM-DD in REPORT_TIME_ZONE' }),
    timePrecision: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    country: z.string().nullable(),
    admin1: z.string().nullable(),
    admin2: z.string().nullable(),
    location: z.string().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
    geoPrecision: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable(),
    eventType: z.string().nullable(),
    subEventType: z.string().nullable(),
    group: z.string().nullable().meta({ description: 'group slug' }),
    claimStatus: z.enum(CLAIM_STATUSES),
    target: z.enum(TARGET_CATEGORIES).nullable(),
    killed: int.nullable(),
    injured: int.nullable(),
    killedBy: split.nullable(),
    injuredBy: split.nullable(),
    crossBorder: z.boolean(),
    sources: z.array(z.string()),
    notes: z.string().nullable(),
  })
  .meta({ id: 'ReportDraft', description: 'A draft incident in the shape POST /api/incidents takes; null where the text says nothing.' });

export const reportItemSchema = z
  .object({
    id: int,
    sourceId: int.nullable().meta({ description: 'the feed it came from; null for a paste' }),
    sourceName: z.string().nullable(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    text: z.string(),
    publishedAt: instant.nullable(),
    fetchedAt: instant,
    status: z.enum(REPORT_STATUSES),
    isIncident: z.boolean().meta({ description: 'false: no new violent event (a funeral, a hearing, a statement)' }),
    duplicateOf: int.nullable().meta({ description: 'the first report of the same story from another outlet' }),
    incidentId: int.nullable(),
    region: z.string().nullable(),
    draft: draftSchema,
    spans: z
      .array(z.object({ field: z.enum(SPAN_FIELDS), start: int, end: int, text: z.string() }))
      .meta({ description: 'offsets (UTF-16) into title + "\\n" + text' }),
    candidates: z
      .array(z.object({ incidentId: int, score: z.number().min(0).max(1), reasons: z.array(z.string()) }))
      .meta({ description: 'incidents this report may describe, best first' }),
    decidedBy: z.string().nullable(),
    decidedAt: instant.nullable(),
    dismissReason: z.string().nullable(),
  })
  .meta({ id: 'Report' });

export const reportPageSchema = z
  .object({ items: z.array(reportItemSchema), total: int, nextCursor: z.string().nullable() })
  .meta({ id: 'ReportPage' });

export const reportSummarySchema = reportItemSchema
  .pick({
    id: true,
    status: true,
    isIncident: true,
    title: true,
    sourceName: true,
    region: true,
    publishedAt: true,
    fetchedAt: true,
    duplicateOf: true,
    incidentId: true,
  })
  .meta({ id: 'ReportSummary', description: 'data of the stream’s `report` event' });
