import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import type { Role } from '@/lib/auth/roles';
import { signInSchema } from '@/lib/auth/user-input';
import { alertActionBody, alertListQuery, deliveryListQuery, siteCreateSchema, sitePatchSchema } from '@/lib/alerts/api-schemas';
import { pathIdSchema as idParam } from '@/lib/validation/path-id';
import { ruleCreateSchema, rulePatchSchema } from '@/lib/alerts/rule-schema';
import { incidentInputSchema } from '@/lib/incidents/input';
import { viewFilterSchema, mapQuerySchema } from '@/lib/filters/schema';
import { weeklyExportParamsSchema, weeklyParamsSchema } from '@/lib/reports/params';
import { incidentExportQuery, incidentHistoryQuery, incidentListQuery, importQuery, streamQuery } from '@/lib/validation/route-queries';
import * as r from './responses';
import { weeklyReportSchema } from './weekly-response';
import { decidedSchema, incidentDetailSchema } from './intake-responses';
import { acceptOverridesDocSchema, dismissBodySchema, mergeBodySchema } from '@/lib/validation/report-decisions';
import { reportItemSchema, reportPageSchema } from './report-response';
import { reportListQuery, reportPasteSchema } from '@/lib/validation/report-queries';
import { sourceCreateSchema, sourcePatchSchema } from '@/lib/validation/source-input';
import { startViewSchema, viewCreateSchema } from '@/lib/views/schema';
import { pollResultSchema, sourceItemSchema } from './source-response';
import { subscriptionOps } from './subscription-ops';
import { matchOps } from './match-operations';

/**
 * Every operation of the HTTP API: who may call it, the zod schemas its handler parses (query,
 * body) and what it answers. The route handlers import the same query and body schemas, and
 * tests/unit/openapi-document.test.ts walks app/api so a route missing here fails.
 */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Body = Record<string, { schema: z.ZodType | Record<string, unknown> }>;
export type QuerySchema = z.ZodObject;

export interface Operation {
  path: string;
  method: Method;
  tag: string;
  summary: string;
  description?: string;
  /** `public` needs no principal; otherwise the lowest role (a bearer token carries one too). */
  role: Role | 'public';
  query?: QuerySchema;
  body?: { required: boolean; content: Body };
  /** Success answers, keyed by status. */
  ok: Record<number, ZodOpenApiResponseObject>;
  /** Error statuses beyond the ones every operation of its kind can answer, 413 and 415 for a body among them (see document.ts). */
  errors?: number[];
}

const json = (schema: z.ZodType, description: string, extra: Partial<ZodOpenApiResponseObject> = {}): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema } },
  ...extra,
});
const jsonBody = (schema: z.ZodType, required = true) => ({ required, content: { 'application/json': { schema } } });
const noContent: ZodOpenApiResponseObject = { description: 'Done; no body.' };
const location = z.object({ location: z.string() });
const created = (schema: z.ZodType) => json(schema, 'Created.', { headers: location });
const seeOther: ZodOpenApiResponseObject = { description: 'Form posts: redirect (`Location`).', headers: location };
const attachment = (content: Body): ZodOpenApiResponseObject => ({ description: 'The file (`Content-Disposition: attachment`).', content });
/** The same fields as a JSON object or as an HTML form post (the no-JavaScript path). */
const fieldsBody = (schema: z.ZodType, required: boolean) => ({
  required,
  content: { 'application/json': { schema }, 'application/x-www-form-urlencoded': { schema } },
});
const text = { type: 'string' } as const;

const incidentPatchSchema = z
  .object(incidentInputSchema.shape)
  .omit({ source: true, sourceId: true })
  .partial()
  .strict()
  .meta({ description: 'Only the fields to change; the merged incident is validated like a POST.' });

const signOutSchema = z.object({
  everywhere: z
    .union([z.boolean(), z.enum(['1', 'true'])])
    .optional()
    .meta({ description: 'end every session of the user' }),
});

/** What an operation declares besides its path, tag, method, role and summary. */
export type Spec = Omit<Operation, 'path' | 'tag' | 'method' | 'role' | 'summary'>;

/**
 * The operations on one path, which share the path and its tag: `at(path, tag).GET(role, summary,
 * spec)`, one per handler the route file exports.
 */
function at(path: string, tag: string) {
  const verb =
    (method: Method) =>
    (role: Operation['role'], summary: string, spec: Spec): Operation => ({ path, method, tag, role, summary, ...spec });
  return { GET: verb('get'), POST: verb('post'), PUT: verb('put'), PATCH: verb('patch'), DELETE: verb('delete') };
}

const incidentCollection = at('/api/incidents', 'Incidents');
const incident = at('/api/incidents/{id}', 'Incidents');

const incidents: Operation[] = [
  incidentCollection.GET('viewer', 'List incidents', {
    description: 'Newest first, keyset-paginated (walk `nextCursor` until null); `total` counts every match. Unknown parameters are a 400.',
    query: incidentListQuery,
    ok: { 200: json(r.incidentPageSchema, 'One page of incidents.') },
  }),
  incidentCollection.POST('analyst', 'Store one incident', {
    description: 'JSON ≤ 1 MiB. (source, sourceId) is the idempotency key: 201 when new, 200 when it already existed (updated if changed).',
    body: jsonBody(incidentInputSchema),
    ok: { 201: created(r.incidentItemSchema), 200: json(r.incidentItemSchema, 'Already stored (same source and sourceId).') },
  }),
  incident.GET('viewer', 'One incident', {
    description: 'With its source records (the reports it rests on, with their figures) and its claims ledger.',
    ok: { 200: json(incidentDetailSchema, 'The incident.') },
  }),
  incident.PATCH('analyst', 'Change an incident', {
    body: jsonBody(incidentPatchSchema),
    ok: { 200: json(r.incidentItemSchema, 'The updated incident.') },
  }),
  incident.DELETE('analyst', 'Delete an incident', { ok: { 204: noContent } }),
  at('/api/incidents/{id}/history', 'Incidents').GET('viewer', 'Edit history of an incident', {
    description: 'Audit entries, newest first (kept after a delete).',
    query: incidentHistoryQuery,
    ok: { 200: json(r.auditPageSchema, 'One page of audit entries.') },
  }),
  at('/api/incidents/export', 'Incidents').GET('viewer', 'Export every match as CSV or GeoJSON', {
    description:
      'Streamed attachment, newest first: ACLED columns then ours (formula-safe cells; `hxl=true` adds the HXL hashtag row under the header), or an RFC 7946 FeatureCollection.',
    query: incidentExportQuery,
    ok: {
      200: attachment({
        'text/csv': { schema: text },
        'application/geo+json': { schema: { type: 'object', description: 'RFC 7946 FeatureCollection' } },
      }),
    },
  }),
  at('/api/incidents/facets', 'Dashboard').GET('viewer', 'Counts per group, region and type for a filter', {
    query: viewFilterSchema,
    ok: { 200: json(r.facetsSchema, 'The facets.') },
  }),
  at('/api/incidents/timeline', 'Dashboard').GET('viewer', 'Incidents per day (or ISO week) in the reporting zone', {
    query: viewFilterSchema,
    ok: { 200: json(r.timelineSchema, 'The bins, empty ones included.') },
  }),
  at('/api/map', 'Dashboard').GET('viewer', 'Clusters and points, heat cells or hexagons for one map viewport', {
    description:
      '`bbox` is the viewport here (default the whole world). `mode=clusters` (default): at most 500 features (MapView), clusters on a fixed grid of 64-pixel cells per zoom whose counts add up to `total` (docs/api.md). `mode=heat` (weighted by `weight=count|killed`) or `mode=hex`: cells aggregated on the server with counts and killed (MapCells). Unknown `mode` or `weight` values are a 400.',
    query: mapQuerySchema,
    ok: { 200: json(z.union([r.mapViewSchema, r.mapCellsSchema]), 'The features or cells of the viewport.') },
  }),
  at('/api/incidents/bounds', 'Dashboard').GET('viewer', 'The box holding every incident of a filter', {
    description:
      'From the map index, like `/api/map`; `bbox` and `zoom` are accepted and ignored (the box covers every match, not the viewport).',
    query: mapQuerySchema,
    ok: { 200: json(r.mapBoundsSchema, 'The box, null when nothing matches.') },
  }),
  at('/api/stream', 'Dashboard').GET('viewer', 'Live feed of the outbox (Server-Sent Events)', {
    description:
      'Events `incident`, `alert`, `report` (a ReportSummary) and `import`; `id:` is the outbox sequence. Resume with the `Last-Event-ID` header or `?lastEventId=`.',
    query: streamQuery,
    ok: { 200: { description: 'An endless event stream.', content: { 'text/event-stream': { schema: text } } } },
  }),
];

const reportCollection = at('/api/reports', 'Reports');

const reports: Operation[] = [
  reportCollection.GET('viewer', 'The triage queue: news and pasted reports, newest first', {
    description:
      'Newest stored first, keyset-paginated (walk `nextCursor` until null); `total` counts every match; `limit=0` answers only `total` (the navigation’s count).',
    query: reportListQuery,
    ok: { 200: json(reportPageSchema, 'One page of reports.') },
  }),
  reportCollection.POST('analyst', 'Paste a report (a press release, a message, an article)', {
    description:
      'JSON ≤ 1 MiB, `text` ≤ 50,000 characters. Extracted into a draft incident, checked against other outlets’ reports (`duplicateOf`) and stored incidents (`candidates`). A `url` already stored (pasted or fetched before) answers 200 with that report.',
    body: jsonBody(reportPasteSchema),
    ok: { 201: created(reportItemSchema), 200: json(reportItemSchema, 'Already stored under this URL.') },
  }),
  at('/api/reports/{id}', 'Reports').GET('viewer', 'One report', {
    description: 'A `new` report’s candidates are searched again: incidents may have arrived since it was stored.',
    ok: { 200: json(reportItemSchema, 'The report.') },
  }),
  at('/api/reports/weekly', 'Reports').GET('viewer', 'The weekly brief as JSON', {
    description: '`week` defaults to the latest complete ISO week in the reporting zone.',
    query: weeklyParamsSchema,
    ok: { 200: json(weeklyReportSchema, 'The weekly report.') },
  }),
  at('/api/reports/weekly/export', 'Reports').GET('viewer', 'The week as CSV or Markdown', {
    query: weeklyExportParamsSchema,
    ok: { 200: attachment({ 'text/csv': { schema: text }, 'text/markdown': { schema: text } }) },
  }),
];

const decision = (action: string) => at(`/api/reports/{id}/${action}`, 'Intake');
const decisions: Operation[] = [
  decision('accept').POST('analyst', 'Accept a report as a new incident', {
    description:
      'Body optional: any field of POST /api/incidents but source and sourceId, replacing the draft’s. The incident is stored as POST ' +
      '/api/incidents stores one (alerts, outbox, audit) with source `report` and sourceId `report-{id}`; a required field the draft ' +
      'leaves null and no override supplies is a 400 naming it. 409 when the report was already decided.',
    body: jsonBody(acceptOverridesDocSchema, false),
    ok: { 201: created(decidedSchema) },
    errors: [404, 409],
  }),
  decision('merge').POST('analyst', 'Make a report another source of an existing incident', {
    description:
      'Adds a source record and the report’s claims (claimStatus follows the ledger), its URL or outlet to `sources`, and one to ' +
      '`sourceCount`. `adoptFigures: true` replaces killed/injured (and their splits) with each figure the report gives. 404 for a ' +
      'missing report or incident, 409 when the report was already decided.',
    body: jsonBody(mergeBodySchema),
    ok: { 200: json(decidedSchema, 'The incident and the merged report.') },
    errors: [404, 409],
  }),
  decision('dismiss').POST('analyst', 'Set a report aside', {
    description: 'Body optional. 409 when the report was already decided.',
    body: jsonBody(dismissBodySchema, false),
    ok: { 200: json(z.object({ report: reportItemSchema }), 'The dismissed report.') },
    errors: [404, 409],
  }),
];

const importOps: Operation[] = [
  at('/api/import', 'Import').POST('analyst', 'Import an ACLED, native, UCDP GED or GTD CSV, all or nothing', {
    description:
      'Body ≤ 100 MiB: the CSV, or multipart/form-data with the file in `file`. Any invalid row: 422 listing every problem, nothing written.',
    query: importQuery,
    body: {
      required: true,
      content: {
        'text/csv': { schema: text },
        'text/plain': { schema: text },
        'application/csv': { schema: text },
        'multipart/form-data': {
          schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'text/csv' } } },
        },
      },
    },
    ok: { 200: json(r.importReportSchema, 'Imported (or, with dryRun, validated and counted).') },
    errors: [422],
  }),
];

const ruleCollection = at('/api/alert-rules', 'Alerting');
const rule = at('/api/alert-rules/{id}', 'Alerting');
const siteCollection = at('/api/sites', 'Alerting');

const alerting: Operation[] = [
  ruleCollection.GET('viewer', 'Alert rules, newest first', { ok: { 200: json(r.itemsOf(r.ruleItemSchema), 'The rules.') } }),
  ruleCollection.POST('analyst', 'Create an alert rule', {
    description: 'With a `webhookUrl`, the answer carries the signing secret once.',
    body: jsonBody(ruleCreateSchema),
    ok: { 201: created(r.createdRuleSchema) },
  }),
  rule.GET('viewer', 'One alert rule', { ok: { 200: json(r.ruleItemSchema, 'The rule.') } }),
  rule.PATCH('analyst', 'Change an alert rule', {
    description: '`kind` cannot change; `params` are validated for the rule’s kind.',
    body: jsonBody(rulePatchSchema),
    ok: { 200: json(r.ruleItemSchema, 'The updated rule.') },
  }),
  rule.DELETE('analyst', 'Delete an alert rule (with its alerts and deliveries)', { ok: { 204: noContent } }),
  at('/api/alert-rules/preview', 'Alerting').POST('analyst', 'Preview an unsaved rule over the last 90 days (writes nothing)', {
    description:
      'The body `POST /api/alert-rules` takes (`name` may be blank). Replays the last 90 days (plus the rule’s lookback) through the engine’s own rule functions. Bounded: at most 100,000 incidents in the rule’s group and region scope are read; a rule that needs more gets 400.',
    body: jsonBody(ruleCreateSchema),
    ok: { 200: json(r.ruleTestSchema, 'What the rule would have fired.') },
  }),
  at('/api/alert-rules/{id}/test', 'Alerting').POST('viewer', 'Replay a rule over the last 90 days (writes nothing)', {
    ok: { 200: json(r.ruleTestSchema, 'What the rule would have fired.') },
  }),
  at('/api/alerts', 'Alerting').GET('viewer', 'Alerts, newest first', {
    query: alertListQuery,
    ok: { 200: json(r.alertPageSchema, 'One page of alerts and the counts per status.') },
  }),
  at('/api/alerts/{id}', 'Alerting').GET('viewer', 'One alert', {
    description:
      'The alert with its incident ids. People follow the page `/alerts/{id}` instead (rule, state, incidents, acknowledge), which mails and webhook payloads link to.',
    ok: { 200: json(r.alertSchema, 'The alert.') },
  }),
  ...(['acknowledge', 'resolve'] as const).map((action) =>
    at(`/api/alerts/{id}/${action}`, 'Alerting').POST(
      'analyst',
      action === 'acknowledge' ? 'Acknowledge a firing alert' : 'Resolve a firing or acknowledged alert',
      {
        description: 'Body optional. 409 when another caller already moved the alert.',
        body: jsonBody(alertActionBody, false),
        ok: { 200: json(r.alertSchema, 'The alert after the change.') },
        errors: [409],
      },
    ),
  ),
  at('/api/webhook-deliveries', 'Alerting').GET('viewer', 'Webhook delivery log, newest first', {
    query: deliveryListQuery,
    ok: { 200: json(r.itemsOf(r.deliverySchema), 'The deliveries.') },
  }),
  siteCollection.GET('viewer', 'Watched sites for proximity rules', { ok: { 200: json(r.itemsOf(r.siteSchema), 'The sites.') } }),
  siteCollection.POST('admin', 'Add a watched site', { body: jsonBody(siteCreateSchema), ok: { 201: json(r.siteSchema, 'Created.') } }),
  at('/api/sites/{id}', 'Alerting').PATCH('admin', 'Change a watched site', {
    description: 'Any of `name`, `lat`, `lon`, `kind`, `notes`; proximity rules follow the site.',
    body: jsonBody(sitePatchSchema),
    ok: { 200: json(r.siteSchema, 'The updated site.') },
  }),
  at('/api/sites/{id}', 'Alerting').DELETE('admin', 'Remove a watched site', { ok: { 204: noContent } }),
];

const viewCollection = at('/api/views', 'Dashboard');

const viewOps: Operation[] = [
  viewCollection.GET('viewer', 'Saved views: the caller’s own, then the shared ones', {
    ok: { 200: json(r.itemsOf(r.savedViewSchema), 'The views.') },
  }),
  viewCollection.POST('viewer', 'Save the current dashboard view', {
    description:
      '`query` is the dashboard URL’s query string (filters, display mode); an invalid filter parameter is a 400 naming it. Only an admin may set `shared`. 409 when the caller already has a view of that name.',
    body: jsonBody(viewCreateSchema),
    ok: { 201: json(r.savedViewSchema, 'Created.') },
    errors: [409],
  }),
  at('/api/views/{id}', 'Dashboard').DELETE('viewer', 'Delete one of the caller’s views (admins: also a shared one)', {
    ok: { 204: noContent },
  }),
  at('/api/views/start', 'Dashboard').PUT('viewer', 'Set or clear the caller’s start page', {
    description: '`{ "id": 12 }` opens view 12 on `/` without a query; `{ "id": null }` clears it. 404 for a view the caller cannot read.',
    body: jsonBody(startViewSchema),
    ok: { 200: json(z.object({ start: r.savedViewSchema.nullable() }), 'The start page now.') },
    errors: [404],
  }),
];

const sourceCollection = at('/api/sources', 'Intake');
const source = at('/api/sources/{id}', 'Intake');

const sourceOps: Operation[] = [
  sourceCollection.GET('viewer', 'Feed sources with their polling state', {
    ok: { 200: json(r.itemsOf(sourceItemSchema), 'The sources, oldest first.') },
  }),
  sourceCollection.POST('admin', 'Add a feed source', {
    description:
      'Admins only: the server fetches the URL it names, private addresses included (internal feeds). Due at once. 409 when a source already reads the URL.',
    body: jsonBody(sourceCreateSchema),
    ok: { 201: created(sourceItemSchema) },
    errors: [409],
  }),
  source.GET('viewer', 'One feed source', { ok: { 200: json(sourceItemSchema, 'The source.') } }),
  source.PATCH('admin', 'Change a feed source', {
    description: 'A new `url` starts afresh: no validators, no back-off, due at once. Enabling makes it due at once.',
    body: jsonBody(sourcePatchSchema),
    ok: { 200: json(sourceItemSchema, 'The updated source.') },
    errors: [409],
  }),
  source.DELETE('admin', 'Remove a feed source (its reports stay)', { ok: { 204: noContent } }),
  at('/api/sources/{id}/fetch', 'Intake').POST('analyst', 'Fetch a source now', {
    description:
      'Answers once every item is stored and extracted. A feed failure is `errors[0]` without `item` (and the source’s `lastError`), not an HTTP error. 409 while the source is being fetched.',
    ok: { 200: json(pollResultSchema, 'What the poll did.') },
    errors: [409],
  }),
];

const system: Operation[] = [
  at('/api/health', 'System').GET('public', 'Liveness', { ok: { 200: json(z.object({ status: z.literal('ok') }), 'Up.') } }),
  at('/api/openapi.json', 'System').GET('viewer', 'This OpenAPI document', {
    ok: { 200: { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
  }),
  at('/api/auth/sign-in', 'Auth').POST('public', 'Sign in and get the session cookie', {
    description:
      'Same-origin only. One message whether or not the email exists. Form posts get 303 to `next` (or back to /sign-in?error=1).',
    body: fieldsBody(signInSchema, true),
    ok: {
      200: json(z.object({ ok: z.literal(true), next: z.string() }), 'Signed in; `Set-Cookie` carries the session.', {
        headers: z.object({ 'set-cookie': z.string() }),
      }),
      303: seeOther,
    },
    errors: [400, 401, 403, 429],
  }),
  at('/api/auth/sign-out', 'Auth').POST('public', 'End this session (or all of the user’s) and clear the cookie', {
    body: fieldsBody(signOutSchema, false),
    ok: { 200: json(z.object({ ok: z.literal(true) }), 'Signed out.'), 303: seeOther },
    errors: [403],
  }),
];

export const OPERATIONS: readonly Operation[] = [
  ...incidents,
  ...reports,
  ...decisions,
  ...importOps,
  ...matchOps,
  ...alerting,
  ...sourceOps,
  ...viewOps,
  ...subscriptionOps,
  ...system,
];

/** The `{id}` path parameter: a positive integer (the same pattern the handlers check). */
export const pathIdSchema = z.object({ id: idParam.meta({ description: 'a positive integer id', example: '42' }) });
