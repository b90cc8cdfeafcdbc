import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponseObject } from 'zod-openapi';
import { OPERATIONS, pathIdSchema, type Operation } from './operations';
import { PARAM_DESCRIPTIONS } from './param-docs';
import { errorBodySchema, invalidRowsSchema } from './responses';
import { reportSummarySchema } from './report-response';

/**
 * Builds the OpenAPI 3.1 document from the operation table with zod-openapi, which renders zod
 * schemas through zod's own JSON Schema conversion (request schemas as their input side,
 * answers as their output side). Pure: no request, no database, same document every call.
 */

const retryAfter = z.object({ 'retry-after': z.string().meta({ description: 'seconds to wait' }) });

const error = (id: string, description: string, extra: Partial<ZodOpenApiResponseObject> = {}): ZodOpenApiResponseObject => ({
  id,
  description,
  content: { 'application/json': { schema: errorBodySchema } },
  ...extra,
});

/** One shared response component per error status, as docs/api.md's error table describes them. */
const ERRORS: Record<number, ZodOpenApiResponseObject> = {
  400: error('BadRequest', 'A bad or unknown query parameter, body field or id (each named in `issues[].path`), or malformed JSON.'),
  401: error('Unauthorized', 'No session and no token, or an unknown, expired or revoked one.', {
    headers: z.object({ 'www-authenticate': z.string() }),
  }),
  403: error('Forbidden', 'The role is too low, or a cookie-authenticated mutation came from another origin.'),
  404: error('NotFound', 'Nothing has that id.'),
  409: error(
    'Conflict',
    'The state moved on: another caller acknowledged or resolved the alert, a source already reads that URL, or the source is being fetched.',
  ),
  413: error('PayloadTooLarge', 'The body is over the route’s limit (counted on the bytes received).'),
  415: error('UnsupportedMediaType', 'Wrong `Content-Type`.'),
  422: {
    id: 'InvalidRows',
    description: 'Some rows are invalid; nothing was imported.',
    content: { 'application/json': { schema: invalidRowsSchema } },
  },
  429: error('RateLimited', 'Too many sign-in attempts or writes.', { headers: retryAfter }),
  502: error('MailRefused', 'The mail server refused the mail for good (a 5xx answer, quoted in `message`).'),
  503: error(
    'Busy',
    'The database stayed locked by another writer (e.g. a large import), or (a mail send) the mail server is unreachable, refuses for now, or email is not configured; retry after `Retry-After`.',
    {
      headers: retryAfter,
    },
  ),
};

/** The document's tags, in the order viewers list them. */
const TAGS = {
  Incidents: 'Read, write and export incidents; the shared incident filter.',
  Dashboard: 'Facets, timeline, map clusters and the live stream.',
  Reports: 'Weekly briefs in the reporting time zone, and the intake’s news and pasted reports (the triage queue).',
  Import: 'ACLED and native CSV import.',
  Alerting: 'Rules, alerts, sites and webhook deliveries.',
  Intake: 'News feeds (sources) and the reports they bring.',
  Subscriptions: 'The weekly brief and alerts by email: subscriptions, their delivery log, unsubscribe and confirmation links.',
  Auth: 'Browser sessions.',
  System: 'Health and this document.',
};

/** The statuses an operation can answer besides its own `errors`, from what its handler does. */
export function errorStatuses(op: Operation): number[] {
  const out = new Set(op.errors ?? []);
  if (op.role !== 'public') out.add(401);
  // Every principal is at least a viewer: a viewer's read cannot be refused; a mutation by cookie can (CSRF).
  if ((op.role !== 'public' && op.role !== 'viewer') || (op.role === 'viewer' && op.method !== 'get')) out.add(403);
  if (op.query || op.body) out.add(400);
  // Every body is read with a size cap (413) and only in the content types it declares (415).
  if (op.body) [413, 415].forEach((s) => out.add(s));
  if (op.path.includes('{id}')) [400, 404].forEach((s) => out.add(s));
  if (op.method !== 'get' && op.role !== 'public') [429, 503].forEach((s) => out.add(s));
  return [...out].sort((a, b) => a - b);
}

const ROLE_NOTE: Record<Operation['role'], string> = {
  public: 'Public: no session or token needed.',
  viewer: 'Needs a signed-in session or API token (any role).',
  analyst: 'Needs the analyst role (or admin).',
  admin: 'Needs the admin role.',
};

function operation(op: Operation): ZodOpenApiOperationObject {
  const responses: Record<string, ZodOpenApiResponseObject> = { ...op.ok };
  for (const status of errorStatuses(op)) responses[status] = ERRORS[status];
  const path = op.path.includes('{id}') ? pathIdSchema : undefined;
  const header =
    op.path === '/api/stream'
      ? z.object({ 'last-event-id': z.string().optional().meta({ description: 'resume after this event id' }) })
      : undefined;
  return {
    operationId: `${op.method}${op.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, ROLE_NOTE[op.role]].filter(Boolean).join('\n\n'),
    ...(op.role === 'public' ? { security: [] } : {}),
    'x-required-role': op.role,
    ...(op.query || path || header
      ? { requestParams: { ...(op.query && { query: op.query }), ...(path && { path }), ...(header && { header }) } }
      : {}),
    ...(op.body ? { requestBody: op.body } : {}),
    responses,
  };
}

type Document = ReturnType<typeof createDocument>;

function describeParameters(doc: Document): void {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of [item.get, item.post, item.patch, item.delete]) {
      for (const p of op?.parameters ?? []) {
        if ('in' in p && !p.description && PARAM_DESCRIPTIONS[p.name]) p.description = PARAM_DESCRIPTIONS[p.name];
      }
    }
  }
}

let cached: Document | undefined;

export function openApiDocument(version = '0.1.0'): Document {
  if (cached && cached.info.version === version) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  cached = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Frontier Watch API',
      version,
      description: 'Incidents, dashboard data, weekly reports, CSV import and alerting. The human guide with examples is docs/api.md.',
    },
    tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
    security: [{ sessionCookie: [] }, { bearerToken: [] }],
    components: {
      // Not the answer of any operation: the data of the stream's `report` event.
      schemas: { ReportSummary: reportSummarySchema },
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'fw_session',
          description: 'Set by POST /api/auth/sign-in (`__Host-fw_session` over HTTPS). Mutations with the cookie must be same-origin.',
        },
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'fw_…',
          description: 'An API token from /admin/tokens or `npm run token:create`.',
        },
      },
    },
    paths,
  });
  describeParameters(cached);
  return cached;
}
