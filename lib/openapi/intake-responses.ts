import { z } from 'zod';
import { CLAIM_STATUSES, TARGET_CATEGORIES } from '@/lib/incidents/record';
import { incidentItemSchema, splitSchema } from './responses';

/**
 * The answers of intake's report decisions and the incident detail, for the OpenAPI document
 * (tests/unit/openapi-response-types.test.ts checks them against the handlers' types).
 */
const int = z.number().int();
const nullableInt = int.nullable();
const instant = z.string().meta({ format: 'date-time', description: 'ISO instant (UTC)' });
const split = splitSchema.nullable();

export const sourceRecordSchema = z
  .object({
    reportId: nullableInt,
    outlet: z.string().nullable(),
    url: z.string().nullable(),
    publishedAt: instant.nullable(),
    killed: nullableInt,
    injured: nullableInt,
    killedBy: split,
    injuredBy: split,
  })
  .meta({ id: 'SourceRecord', description: 'One report’s account of an incident: its outlet and figures' });

export const claimRecordSchema = z
  .object({
    groupId: z.string(),
    kind: z.enum(['claim', 'denial', 'attribution']),
    by: z.string().nullable().meta({ description: 'who made it: a spokesman, or the official who attributed it' }),
    at: instant.meta({ description: 'when the report that carried it was published (else fetched)' }),
    reportId: nullableInt,
  })
  .meta({ id: 'ClaimRecord' });

export const incidentDetailSchema = incidentItemSchema
  .extend({
    sourceRecords: z.array(sourceRecordSchema).meta({ description: 'reports accepted into or merged with it, oldest publication first' }),
    claims: z.array(claimRecordSchema).meta({ description: 'the claims ledger, oldest first; claimStatus follows it' }),
  })
  .meta({ id: 'IncidentDetail' });

const INTAKE_FIELDS = [
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
] as const;

const draftSchema = z
  .object({
    occurredAt: z.string().nullable(),
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
    group: z.string().nullable(),
    claimStatus: z.enum(CLAIM_STATUSES),
    target: z.enum(TARGET_CATEGORIES).nullable(),
    killed: nullableInt,
    injured: nullableInt,
    killedBy: split,
    injuredBy: split,
    crossBorder: z.boolean(),
    sources: z.array(z.string()),
    notes: z.string().nullable(),
  })
  .meta({ id: 'ReportDraft', description: 'a draft incident in the shape POST /api/incidents accepts; null where the text says nothing' });

export const reportItemSchema = z
  .object({
    id: int,
    sourceId: nullableInt,
    sourceName: z.string().nullable(),
    url: z.string().nullable(),
    title: z.string().nullable(),
    text: z.string(),
    publishedAt: instant.nullable(),
    fetchedAt: instant,
    status: z.enum(['new', 'accepted', 'merged', 'dismissed']),
    isIncident: z.boolean(),
    duplicateOf: nullableInt,
    incidentId: nullableInt,
    region: z.string().nullable(),
    draft: draftSchema,
    spans: z.array(z.object({ field: z.enum(INTAKE_FIELDS), start: int, end: int, text: z.string() })),
    candidates: z.array(z.object({ incidentId: int, score: z.number(), reasons: z.array(z.string()) })),
    decidedBy: z.string().nullable(),
    decidedAt: instant.nullable(),
    dismissReason: z.string().nullable(),
  })
  .meta({ id: 'Report' });

export const decidedSchema = z
  .object({ incident: incidentDetailSchema, report: reportItemSchema })
  .meta({ id: 'ReportDecision', description: 'the incident after the decision and the decided report' });
