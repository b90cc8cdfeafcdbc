import { z } from 'zod';

/**
 * The ACLED API as the sync uses it (docs/intake.md, "ACLED API sync"): the addresses of the token,
 * read and deleted endpoints under a configurable base, and the shape of their JSON answers,
 * checked before anything is stored. Pure, so the URLs and the checks are unit-tested.
 */

/** Rows per page: the API's maximum; a page with fewer rows is the last one. */
export const ACLED_PAGE_LIMIT = 5000;

/** `{base}/{path}` with the base's own path kept (a mirror may live under a prefix). */
function under(base: string, path: string): URL {
  const url = new URL(base);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${path}`;
  url.search = '';
  url.hash = '';
  return url;
}

export const tokenUrl = (base: string) => under(base, 'oauth/token').href;

export interface ReadQuery {
  country: string;
  /** The event dates read, inclusive (YYYY-MM-DD): `since` to the day the pass began. */
  from: string;
  to: string;
  /** Delta: only rows whose `timestamp` (last modification, epoch seconds) is after this. */
  after?: number | null;
  page: number;
  limit?: number;
}

/**
 * GET {base}/api/acled/read?_format=json&country=…&event_date=from|to&event_date_where=BETWEEN
 * &limit=5000&page=N, and for a delta also `timestamp=<last>&timestamp_where=>`: the dates keep a
 * revised event from before `since` out, as the backfill kept it out.
 */
export function readUrl(base: string, q: ReadQuery): string {
  const url = under(base, 'api/acled/read');
  const p = url.searchParams;
  p.set('_format', 'json');
  p.set('country', q.country);
  p.set('event_date', `${q.from}|${q.to}`);
  p.set('event_date_where', 'BETWEEN');
  if (q.after !== undefined && q.after !== null) {
    p.set('timestamp', String(q.after));
    p.set('timestamp_where', '>');
  }
  p.set('limit', String(q.limit ?? ACLED_PAGE_LIMIT));
  p.set('page', String(q.page));
  return url.href;
}

/** GET {base}/api/deleted/read?_format=json&deleted_timestamp=<last>&deleted_timestamp_where=>&limit&page. */
export function deletedUrl(base: string, q: { after: number; page: number; limit?: number }): string {
  const url = under(base, 'api/deleted/read');
  const p = url.searchParams;
  p.set('_format', 'json');
  p.set('deleted_timestamp', String(q.after));
  p.set('deleted_timestamp_where', '>');
  p.set('limit', String(q.limit ?? ACLED_PAGE_LIMIT));
  p.set('page', String(q.page));
  return url.href;
}

const envelope = <T extends z.ZodType>(row: T) =>
  z.object({
    status: z.union([z.number(), z.string()]).optional(),
    success: z.boolean().optional(),
    count: z.union([z.number(), z.string()]).optional(),
    data: z.array(row, { message: 'data must be an array of rows' }),
  });

// Rows are checked by hand (readRows): a zod pass over 5,000 rows × 31 cells per page cost as
// much as writing them.
const readAnswer = envelope(z.unknown());
const deletedAnswer = envelope(
  z.object({
    event_id_cnty: z.string().trim().min(1).max(64),
    deleted_timestamp: z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number),
  }),
);

export class AcledAnswerError extends Error {
  override readonly name = 'AcledAnswerError';
}

function parse<T extends z.ZodType>(schema: T, json: unknown, what: string): z.output<T> {
  const answer = json as { success?: unknown; error?: unknown; message?: unknown } | null;
  if (answer && typeof answer === 'object' && answer.success === false) {
    const said = typeof answer.message === 'string' ? answer.message : typeof answer.error === 'string' ? answer.error : 'no reason given';
    throw new AcledAnswerError(`the ${what} endpoint answered success: false (${said.slice(0, 200)})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AcledAnswerError(`unexpected ${what} answer: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The rows of a read answer as CSV-like cells: every value text (a number or boolean as written,
 * null as an empty cell); a row that is not an object, a column name over 64 characters or a
 * nested value is refused, naming the row.
 */
export function readRows(json: unknown): Record<string, string>[] {
  const data = parse(readAnswer, json, 'read').data;
  const out: Record<string, string>[] = new Array<Record<string, string>>(data.length);
  for (let i = 0; i < data.length; i++) {
    const row = data[i];
    if (typeof row !== 'object' || row === null || Array.isArray(row))
      throw new AcledAnswerError(`unexpected read answer: data.${i}: each row must be an object`);
    const cells: Record<string, string> = {};
    for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
      if (k.length > 64) throw new AcledAnswerError(`unexpected read answer: data.${i}: a column name is longer than 64 characters`);
      if (v === null) cells[k] = '';
      else if (typeof v === 'string') cells[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') cells[k] = String(v);
      else throw new AcledAnswerError(`unexpected read answer: data.${i}.${k.slice(0, 64)}: a cell must be text, a number or null`);
    }
    out[i] = cells;
  }
  return out;
}

export interface DeletedEvent {
  eventId: string;
  /** ACLED's deleted_timestamp, epoch seconds. */
  deletedAt: number;
}

export function deletedRows(json: unknown): DeletedEvent[] {
  return parse(deletedAnswer, json, 'deleted').data.map((r) => ({ eventId: r.event_id_cnty, deletedAt: r.deleted_timestamp }));
}

const tokenAnswer = z.object({
  access_token: z.string().min(1).max(8192),
  refresh_token: z.string().min(1).max(8192).optional(),
  expires_in: z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .transform(Number)
    .optional(),
  token_type: z.string().optional(),
});

export interface Tokens {
  access: string;
  refresh: string | null;
  /** Epoch ms. */
  accessExpiresAt: number;
  refreshExpiresAt: number | null;
}

/** Without expires_in, ACLED's documented lifetimes: about 24 h for the access token, 14 days for the refresh token. */
export const ACCESS_LIFETIME_MS = 24 * 3600_000;
export const REFRESH_LIFETIME_MS = 14 * 24 * 3600_000;

export function tokensFrom(json: unknown, now: number, previousRefresh: Tokens | null = null): Tokens {
  const parsed = tokenAnswer.safeParse(json);
  if (!parsed.success) throw new AcledAnswerError('unexpected token answer: no access_token');
  const t = parsed.data;
  return {
    access: t.access_token,
    refresh: t.refresh_token ?? previousRefresh?.refresh ?? null,
    accessExpiresAt: now + (t.expires_in ? t.expires_in * 1000 : ACCESS_LIFETIME_MS),
    refreshExpiresAt: t.refresh_token ? now + REFRESH_LIFETIME_MS : (previousRefresh?.refreshExpiresAt ?? null),
  };
}
