import { z } from 'zod';
import { incidentItemSchema, splitSchema } from './responses';
import { reportItemSchema } from './report-response';

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

export const decidedSchema = z
  .object({ incident: incidentDetailSchema, report: reportItemSchema })
  .meta({ id: 'ReportDecision', description: 'the incident after the decision and the decided report' });
