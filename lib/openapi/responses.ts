import { z } from 'zod';
import { REGION_IDS } from '@/lib/taxonomy/regions';
import { DATASET_NAMES } from '@/lib/datasets/dataset-bits';

/**
 * The JSON answers of the API as zod schemas, for the OpenAPI document only: handlers build
 * these bodies from typed rows and do not parse them. tests/unit/openapi-document.test.ts checks
 * each schema's output type against the TypeScript type the handler returns, so the two cannot
 * drift apart silently. Each exported schema is a named component of the document (`.meta({ id })`).
 */

/** An object schema the document names `id` and refers to by `$ref` wherever it is used. */
const component = <Shape extends z.ZodRawShape>(id: string, shape: Shape) => z.object(shape).meta({ id });

const int = z.number().int();
const nullableInt = int.nullable();
const instant = z.string().meta({ format: 'date-time', description: 'ISO instant (UTC)' });
const day = z.string().meta({ format: 'date', description: 'calendar date YYYY-MM-DD' });

export const errorIssueSchema = component('ErrorIssue', {
  path: z.string().optional().meta({ description: 'the parameter or field at fault' }),
  row: int.optional().meta({ description: 'import only: spreadsheet row number (header = 1)' }),
  column: z.string().optional(),
  message: z.string(),
});

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.enum([
        'bad_request',
        'unauthorized',
        'forbidden',
        'not_found',
        'conflict',
        'payload_too_large',
        'unsupported_media_type',
        'invalid_rows',
        'rate_limited',
        'busy',
        'internal',
      ]),
      message: z.string(),
      issues: z.array(errorIssueSchema).optional(),
    }),
  })
  .meta({ id: 'Error', description: 'Every error answers this body; the HTTP status says what went wrong.' });

export const splitSchema = z.object({ security: nullableInt, civilians: nullableInt, militants: nullableInt });

export const incidentItemSchema = component('Incident', {
  id: int,
  source: z.string(),
  sourceId: z.string(),
  occurredAt: instant,
  occurredDate: day.meta({ description: 'date of the occurrence in the reporting time zone (or the given date)' }),
  hasTime: z.boolean(),
  timePrecision: int.meta({ description: '1 day, 2 week, 3 month' }),
  region: z.string().nullable(),
  regionName: z.string().nullable(),
  group: z.string(),
  groupName: z.string(),
  groupColour: z.string(),
  groupKind: z.string(),
  actor1: z.string().nullable(),
  assocActors: z.string().nullable(),
  actor2: z.string().nullable(),
  eventType: z.string(),
  subEventType: z.string(),
  claimStatus: z.string(),
  target: z.string(),
  killed: nullableInt.meta({ description: 'null when unknown' }),
  injured: nullableInt.meta({ description: 'null when unknown' }),
  casualties: z.object({ killed: splitSchema, injured: splitSchema }),
  crossBorder: z.boolean(),
  lat: z.number(),
  lon: z.number(),
  geoPrecision: int,
  country: z.string().meta({ description: 'ISO 3166 alpha-2' }),
  admin1: z.string().nullable(),
  admin2: z.string().nullable(),
  admin3: z.string().nullable(),
  location: z.string().nullable(),
  notes: z.string().nullable(),
  sources: z.array(z.string()),
  sourceCount: int.meta({ description: 'independent sources: the origin row counts one, each report accepted or merged into it one more' }),
  sourceScale: z.string().nullable(),
  datasets: z.array(z.enum(DATASET_NAMES)).meta({
    description: "datasets the incident rests on: its own source's and those of incidents merged into it (see `source`)",
  }),
  verification: z.string(),
  dataset: z.string(),
  importBatchId: nullableInt,
  createdAt: instant,
  updatedAt: instant,
});

const facetCount = z.object({ value: z.string(), count: int });
const regionFacet = facetCount.extend({ killed: int });

export const facetsSchema = component('Facets', {
  total: int,
  killed: int,
  demo: int.meta({ description: 'rows in the filter that are synthetic demo data' }),
  groups: z.array(facetCount.extend({ name: z.string(), colour: z.string(), kind: z.string() })),
  regions: z.array(regionFacet),
  eventTypes: z.array(facetCount),
  subEventTypes: z.array(facetCount),
  choropleth: z.array(regionFacet),
});

export const incidentPageSchema = component('IncidentPage', {
  items: z.array(incidentItemSchema),
  total: int,
  nextCursor: z.string().nullable(),
  facets: facetsSchema.optional().meta({ description: 'with facets=true only' }),
});

export const timelineSchema = component('Timeline', {
  bucket: z.enum(['day', 'week']),
  timeZone: z.string(),
  from: day.nullable(),
  to: day.nullable(),
  bins: z.array(z.object({ start: day, count: int, killed: int })),
});

const clusterFeature = z.object({ t: z.literal('c'), id: int, lon: z.number(), lat: z.number(), n: int, k: int, e: int }).meta({
  description:
    'every incident of the filter in one 64-pixel Web Mercator cell of the zoom: n incidents, k killed, at their mean position; e is the first zoom at which they fall into more than one cell; id identifies the cell',
});
const pointFeature = z.object({
  t: z.literal('p'),
  id: int,
  lon: z.number(),
  lat: z.number(),
  g: z.string(),
  k: nullableInt,
  i: nullableInt,
  x: z.boolean(),
});

export const mapViewSchema = component('MapView', {
  total: int,
  seq: int,
  zoom: int,
  colours: z.record(z.string(), z.string()),
  features: z.array(z.discriminatedUnion('t', [clusterFeature, pointFeature])).meta({ description: 'at most 500' }),
});

/** GET /api/map?mode=heat|hex: cells aggregated for the viewport (lib/contract.ts MapCellsResponse). */
export const mapCellsSchema = component('MapCells', {
  mode: z.enum(['heat', 'hex']),
  weight: z.enum(['count', 'killed']),
  total: int,
  seq: int,
  zoom: int.meta({ description: 'the zoom whose grid answered (coarser than asked when the view held too many cells)' }),
  size: z.number().meta({ description: 'hexagon circumradius, or heat cell side, in units of the plane x = lon·cos(refLat), y = lat' }),
  refLat: z.number(),
  cells: z
    .array(z.tuple([z.number(), z.number(), int, z.number()]))
    .meta({ description: '[centre lon, centre lat, incidents, killed] per non-empty cell; at most 1,500 hexagons or 6,000 heat cells' }),
});

export const mapBoundsSchema = component('MapBounds', {
  total: int,
  bounds: z
    .object({ west: z.number(), south: z.number(), east: z.number(), north: z.number() })
    .nullable()
    .meta({ description: 'the box holding every match (degrees); null when nothing matches' }),
});

export const auditPageSchema = component('AuditPage', {
  items: z.array(
    z.object({
      id: int,
      at: int,
      actor: z.string(),
      action: z.string(),
      entity: z.string(),
      entityId: z.string().nullable(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
  nextCursor: z.number().nullable(),
});

export const importReportSchema = component('ImportReport', {
  rows: int,
  inserted: int,
  updated: int,
  unchanged: int,
  dryRun: z.boolean(),
  batchId: nullableInt,
  matchesProposed: int.meta({
    description: 'match proposals stored for the inserted rows: incidents of other datasets within a day and 30 km (GET /api/matches)',
  }),
  errors: z.array(z.object({ row: int, column: z.string(), message: z.string() })),
});

export const invalidRowsSchema = z
  .object({ ...errorBodySchema.shape, ...importReportSchema.shape })
  .meta({ id: 'ImportInvalidRows', description: 'the error body and the report: nothing was written' });

export const alertSchema = component('Alert', {
  id: int,
  ruleId: int,
  ruleName: z.string(),
  severity: z.string(),
  status: z.string(),
  firedAt: instant,
  incidentIds: z.array(int),
  summary: z.string(),
  details: z.record(z.string(), z.unknown()),
  acknowledgedBy: z.string().optional(),
  acknowledgedAt: instant.optional(),
  ackNote: z.string().optional(),
  resolvedBy: z.string().optional(),
  resolvedAt: instant.optional(),
});

export const alertPageSchema = component('AlertPage', {
  items: z.array(alertSchema),
  nextCursor: z.string().nullable(),
  counts: z.object({ firing: int, acknowledged: int, resolved: int }),
});

export const ruleItemSchema = component('AlertRule', {
  id: int,
  name: z.string(),
  kind: z.enum(['threshold', 'mass-casualty', 'spike', 'new-actor', 'proximity', 'cross-border']),
  severity: z.enum(['info', 'warning', 'critical']),
  scope: z.object({
    group: z.array(z.string()).optional(),
    region: z.array(z.enum(REGION_IDS)).optional(),
    type: z.array(z.string()).optional(),
  }),
  params: z.record(z.string(), z.unknown()),
  webhookUrl: z.string().optional(),
  hasWebhookSecret: z.boolean(),
  enabled: z.boolean(),
  silencedUntil: instant.optional(),
  example: z.boolean().meta({ description: 'a starter rule seeded with the demo (kept through edits)' }),
  createdAt: instant,
  updatedAt: instant,
});

export const createdRuleSchema = ruleItemSchema
  .extend({ webhookSecret: z.string().optional().meta({ description: 'the signing secret, returned once when the rule has a webhook' }) })
  .meta({ id: 'CreatedAlertRule' });

export const ruleTestSchema = component('AlertRuleTest', {
  days: int,
  from: instant,
  to: instant,
  count: int,
  firings: z.array(z.object({ at: instant, summary: z.string(), incidentIds: z.array(int), details: z.record(z.string(), z.unknown()) })),
});

export const siteSchema = component('Site', {
  id: int,
  name: z.string(),
  lat: z.number(),
  lon: z.number(),
  kind: z.string(),
  example: z.boolean(),
  notes: z.string().nullable().optional(),
});

export const savedViewSchema = component('SavedView', {
  id: int,
  name: z.string(),
  query: z.string().meta({ description: 'The dashboard URL’s query string, e.g. `group=ttp&region=kp&mode=heat`.' }),
  map: z.object({ lat: z.number(), lon: z.number(), zoom: int }),
  shared: z.boolean(),
  mine: z.boolean().meta({ description: 'Saved by the caller (so the caller may delete it).' }),
  start: z.boolean().meta({ description: 'The caller’s start page.' }),
  createdAt: int,
});

export const deliverySchema = component('WebhookDelivery', {
  id: int,
  alertId: int,
  ruleId: int,
  url: z.string(),
  status: z.string().meta({ description: 'pending, delivered or failed' }),
  attempts: int,
  lastStatusCode: nullableInt,
  lastError: z.string().nullable(),
  nextAttemptAt: instant.nullable(),
  createdAt: instant,
  updatedAt: instant,
});

export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
