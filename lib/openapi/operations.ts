import { z } from 'zod';
import type { ZodOpenApiResponseObject } from 'zod-openapi';
import type { Role } from '@/lib/auth/roles';
import { signInSchema } from '@/lib/auth/user-input';
import { alertActionBody, alertListQuery, deliveryListQuery, siteCreateSchema } from '@/lib/alerts/api-schemas';
import { pathIdSchema as idParam } from '@/lib/validation/path-id';
import { ruleCreateSchema, rulePatchSchema } from '@/lib/alerts/rule-schema';
import { incidentInputSchema } from '@/lib/incidents/input';
import { viewFilterSchema, mapQuerySchema } from '@/lib/filters/schema';
import { weeklyExportParamsSchema, weeklyParamsSchema } from '@/lib/reports/params';
import { incidentExportQuery, incidentHistoryQuery, incidentListQuery, importQuery, streamQuery } from '@/lib/validation/route-queries';
import * as r from './responses';
import { weeklyReportSchema } from './weekly-response';

/**
 * Every operation of the HTTP API: who may call it, the zod schemas its handler parses (query,
 * body) and what it answers. The route handlers import the same query and body schemas, and
 * tests/unit/openapi-document.test.ts walks app/api so a route missing here fails.
 */
export type Method = 'get' | 'post' | 'patch' | 'delete';
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
  /** Error statuses beyond the ones every operation of its kind can answer (see document.ts). */
  errors?: number[];
}

const json = (schema: z.ZodType, description: string, extra: Partial<ZodOpenApiResponseObject> = {}): ZodOpenApiResponseObject => ({
  description,
  content: { 'application/json': { schema } },
  ...extra,
});
const jsonBody = (schema: z.ZodType, required = true) => ({ required, content: { 'application/json': { schema } } });
const noContent: ZodOpenApiResponseObject = { description: 'Done; no body.' };
const seeOther: ZodOpenApiResponseObject = { description: 'Form posts: redirect (`Location`).', headers: z.object({ location: z.string() }) };
const text = { type: 'string' } as const;

const incidentPatchSchema = z
  .object(incidentInputSchema.shape)
  .omit({ source: true, sourceId: true })
  .partial()
  .strict()
  .meta({ description: 'Only the fields to change; the merged incident is validated like a POST.' });

const signOutSchema = z.object({ everywhere: z.union([z.boolean(), z.enum(['1', 'true'])]).optional().meta({ description: 'end every session of the user' }) });

const incidents: Operation[] = [
  {
    path: '/api/incidents',
    method: 'get',
    tag: 'Incidents',
    summary: 'List incidents',
    description: 'Newest first, keyset-paginated (walk `nextCursor` until null); `total` counts every match. Unknown parameters are a 400.',
    role: 'viewer',
    query: incidentListQuery,
    ok: { 200: json(r.incidentPageSchema, 'One page of incidents.') },
  },
  {
    path: '/api/incidents',
    method: 'post',
    tag: 'Incidents',
    summary: 'Store one incident',
    description: 'JSON ≤ 1 MiB. (source, sourceId) is the idempotency key: 201 when new, 200 when it already existed (updated if changed).',
    role: 'analyst',
    body: jsonBody(incidentInputSchema),
    ok: {
      201: json(r.incidentItemSchema, 'Created.', { headers: z.object({ location: z.string() }) }),
      200: json(r.incidentItemSchema, 'Already stored (same source and sourceId).'),
    },
    errors: [413, 415],
  },
  {
    path: '/api/incidents/{id}',
    method: 'get',
    tag: 'Incidents',
    summary: 'One incident',
    role: 'viewer',
    ok: { 200: json(r.incidentItemSchema, 'The incident.') },
  },
  {
    path: '/api/incidents/{id}',
    method: 'patch',
    tag: 'Incidents',
    summary: 'Change an incident',
    role: 'analyst',
    body: jsonBody(incidentPatchSchema),
    ok: { 200: json(r.incidentItemSchema, 'The updated incident.') },
    errors: [413, 415],
  },
  { path: '/api/incidents/{id}', method: 'delete', tag: 'Incidents', summary: 'Delete an incident', role: 'analyst', ok: { 204: noContent } },
  {
    path: '/api/incidents/{id}/history',
    method: 'get',
    tag: 'Incidents',
    summary: 'Edit history of an incident',
    description: 'Audit entries, newest first (kept after a delete).',
    role: 'viewer',
    query: incidentHistoryQuery,
    ok: { 200: json(r.auditPageSchema, 'One page of audit entries.') },
  },
  {
    path: '/api/incidents/export',
    method: 'get',
    tag: 'Incidents',
    summary: 'Export every match as CSV or GeoJSON',
    description: 'Streamed attachment, newest first: ACLED columns then ours (formula-safe cells), or an RFC 7946 FeatureCollection.',
    role: 'viewer',
    query: incidentExportQuery,
    ok: {
      200: {
        description: 'The file (`Content-Disposition: attachment`).',
        content: { 'text/csv': { schema: text }, 'application/geo+json': { schema: { type: 'object', description: 'RFC 7946 FeatureCollection' } } },
      },
    },
  },
  {
    path: '/api/incidents/facets',
    method: 'get',
    tag: 'Dashboard',
    summary: 'Counts per group, region and type for a filter',
    role: 'viewer',
    query: viewFilterSchema,
    ok: { 200: json(r.facetsSchema, 'The facets.') },
  },
  {
    path: '/api/incidents/timeline',
    method: 'get',
    tag: 'Dashboard',
    summary: 'Incidents per day (or ISO week) in the reporting zone',
    role: 'viewer',
    query: viewFilterSchema,
    ok: { 200: json(r.timelineSchema, 'The bins, empty ones included.') },
  },
  {
    path: '/api/map',
    method: 'get',
    tag: 'Dashboard',
    summary: 'Clusters and points for one map viewport',
    description: '`bbox` is the viewport here (default the whole world); at most 500 features.',
    role: 'viewer',
    query: mapQuerySchema,
    ok: { 200: json(r.mapViewSchema, 'The features of the viewport.') },
  },
  {
    path: '/api/stream',
    method: 'get',
    tag: 'Dashboard',
    summary: 'Live feed of the outbox (Server-Sent Events)',
    description: 'Events `incident`, `alert` and `import`; `id:` is the outbox sequence. Resume with the `Last-Event-ID` header or `?lastEventId=`.',
    role: 'viewer',
    query: streamQuery,
    ok: { 200: { description: 'An endless event stream.', content: { 'text/event-stream': { schema: text } } } },
  },
];

const reports: Operation[] = [
  {
    path: '/api/reports/weekly',
    method: 'get',
    tag: 'Reports',
    summary: 'The weekly brief as JSON',
    description: '`week` defaults to the latest complete ISO week in the reporting zone.',
    role: 'viewer',
    query: weeklyParamsSchema,
    ok: { 200: json(weeklyReportSchema, 'The weekly report.') },
  },
  {
    path: '/api/reports/weekly/export',
    method: 'get',
    tag: 'Reports',
    summary: 'The week as CSV or Markdown',
    role: 'viewer',
    query: weeklyExportParamsSchema,
    ok: { 200: { description: 'The file (`Content-Disposition: attachment`).', content: { 'text/csv': { schema: text }, 'text/markdown': { schema: text } } } },
  },
];

const importOps: Operation[] = [
  {
    path: '/api/import',
    method: 'post',
    tag: 'Import',
    summary: 'Import an ACLED or native CSV, all or nothing',
    description: 'Body ≤ 100 MiB: the CSV, or multipart/form-data with the file in `file`. Any invalid row: 422 listing every problem, nothing written.',
    role: 'analyst',
    query: importQuery,
    body: {
      required: true,
      content: {
        'text/csv': { schema: text },
        'text/plain': { schema: text },
        'application/csv': { schema: text },
        'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'text/csv' } } } },
      },
    },
    ok: { 200: json(r.importReportSchema, 'Imported (or, with dryRun, validated and counted).') },
    errors: [413, 415, 422],
  },
];

const alerting: Operation[] = [
  {
    path: '/api/alert-rules',
    method: 'get',
    tag: 'Alerting',
    summary: 'Alert rules, newest first',
    role: 'viewer',
    ok: { 200: json(r.itemsOf(r.ruleItemSchema), 'The rules.') },
  },
  {
    path: '/api/alert-rules',
    method: 'post',
    tag: 'Alerting',
    summary: 'Create an alert rule',
    description: 'With a `webhookUrl`, the answer carries the signing secret once.',
    role: 'analyst',
    body: jsonBody(ruleCreateSchema),
    ok: { 201: json(r.createdRuleSchema, 'Created.', { headers: z.object({ location: z.string() }) }) },
    errors: [413, 415],
  },
  {
    path: '/api/alert-rules/{id}',
    method: 'get',
    tag: 'Alerting',
    summary: 'One alert rule',
    role: 'viewer',
    ok: { 200: json(r.ruleItemSchema, 'The rule.') },
  },
  {
    path: '/api/alert-rules/{id}',
    method: 'patch',
    tag: 'Alerting',
    summary: 'Change an alert rule',
    description: '`kind` cannot change; `params` are validated for the rule’s kind.',
    role: 'analyst',
    body: jsonBody(rulePatchSchema),
    ok: { 200: json(r.ruleItemSchema, 'The updated rule.') },
    errors: [413, 415],
  },
  {
    path: '/api/alert-rules/{id}',
    method: 'delete',
    tag: 'Alerting',
    summary: 'Delete an alert rule (with its alerts and deliveries)',
    role: 'analyst',
    ok: { 204: noContent },
  },
  {
    path: '/api/alert-rules/{id}/test',
    method: 'post',
    tag: 'Alerting',
    summary: 'Replay a rule over the last 90 days (writes nothing)',
    role: 'viewer',
    ok: { 200: json(r.ruleTestSchema, 'What the rule would have fired.') },
  },
  {
    path: '/api/alerts',
    method: 'get',
    tag: 'Alerting',
    summary: 'Alerts, newest first',
    role: 'viewer',
    query: alertListQuery,
    ok: { 200: json(r.alertPageSchema, 'One page of alerts and the counts per status.') },
  },
  ...(['acknowledge', 'resolve'] as const).map(
    (action): Operation => ({
      path: `/api/alerts/{id}/${action}`,
      method: 'post',
      tag: 'Alerting',
      summary: action === 'acknowledge' ? 'Acknowledge a firing alert' : 'Resolve a firing or acknowledged alert',
      description: 'Body optional. 409 when another caller already moved the alert.',
      role: 'analyst',
      body: jsonBody(alertActionBody, false),
      ok: { 200: json(r.alertSchema, 'The alert after the change.') },
      errors: [409, 413, 415],
    }),
  ),
  {
    path: '/api/webhook-deliveries',
    method: 'get',
    tag: 'Alerting',
    summary: 'Webhook delivery log, newest first',
    role: 'viewer',
    query: deliveryListQuery,
    ok: { 200: json(r.itemsOf(r.deliverySchema), 'The deliveries.') },
  },
  {
    path: '/api/sites',
    method: 'get',
    tag: 'Alerting',
    summary: 'Watched sites for proximity rules',
    role: 'viewer',
    ok: { 200: json(r.itemsOf(r.siteSchema), 'The sites.') },
  },
  {
    path: '/api/sites',
    method: 'post',
    tag: 'Alerting',
    summary: 'Add a watched site',
    role: 'admin',
    body: jsonBody(siteCreateSchema),
    ok: { 201: json(r.siteSchema, 'Created.') },
    errors: [413, 415],
  },
  { path: '/api/sites/{id}', method: 'delete', tag: 'Alerting', summary: 'Remove a watched site', role: 'admin', ok: { 204: noContent } },
];

const system: Operation[] = [
  { path: '/api/health', method: 'get', tag: 'System', summary: 'Liveness', role: 'public', ok: { 200: json(z.object({ status: z.literal('ok') }), 'Up.') } },
  {
    path: '/api/openapi.json',
    method: 'get',
    tag: 'System',
    summary: 'This OpenAPI document',
    role: 'viewer',
    ok: { 200: { description: 'OpenAPI 3.1 document.', content: { 'application/json': { schema: { type: 'object' } } } } },
  },
  {
    path: '/api/auth/sign-in',
    method: 'post',
    tag: 'Auth',
    summary: 'Sign in and get the session cookie',
    description: 'Same-origin only. One message whether or not the email exists. Form posts get 303 to `next` (or back to /sign-in?error=1).',
    role: 'public',
    body: { required: true, content: { 'application/json': { schema: signInSchema }, 'application/x-www-form-urlencoded': { schema: signInSchema } } },
    ok: {
      200: json(z.object({ ok: z.literal(true), next: z.string() }), 'Signed in; `Set-Cookie` carries the session.', {
        headers: z.object({ 'set-cookie': z.string() }),
      }),
      303: seeOther,
    },
    errors: [400, 401, 403, 429],
  },
  {
    path: '/api/auth/sign-out',
    method: 'post',
    tag: 'Auth',
    summary: 'End this session (or all of the user’s) and clear the cookie',
    role: 'public',
    body: { required: false, content: { 'application/json': { schema: signOutSchema }, 'application/x-www-form-urlencoded': { schema: signOutSchema } } },
    ok: { 200: json(z.object({ ok: z.literal(true) }), 'Signed out.'), 303: seeOther },
    errors: [403],
  },
];

export const OPERATIONS: readonly Operation[] = [...incidents, ...reports, ...importOps, ...alerting, ...system];

/** The `{id}` path parameter: a positive integer (the same pattern the handlers check). */
export const pathIdSchema = z.object({ id: idParam.meta({ description: 'a positive integer id', example: '42' }) });
