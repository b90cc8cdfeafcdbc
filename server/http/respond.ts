import 'server-only';
import { NextResponse } from 'next/server';
import { ZodError, type z } from 'zod';
import { AppError, type ErrorIssue } from '@/lib/errors';
import { describeIssues, toIssues } from '@/lib/validation/zod-issues';
import { log } from '@/server/log.mjs';
import { REQUEST_ID_HEADER, requestId } from '@/server/request-id.mjs';
import { readCapped } from './read-capped';
import { isDatabaseUnavailable, plainDbError } from '@/db/unavailable';

/** A PostgreSQL failover (Patroni, pg_auto_failover) promotes a standby in about 10 to 30 s. */
export const UNAVAILABLE_RETRY_AFTER_SEC = 5;

export function errorBody(code: string, message: string, issues?: ErrorIssue[]) {
  return { error: issues?.length ? { code, message, issues } : { code, message } };
}

/** What a 500's log line says about the request it answered (route() fills it in). */
export interface RequestContext {
  reqId?: string;
  method?: string;
  path?: string;
}

/** The one mapping from errors to HTTP responses. Unknown errors are logged and never leak details. */
export function errorResponse(err: unknown, context: RequestContext = {}): NextResponse {
  if (err instanceof AppError) {
    return NextResponse.json(errorBody(err.code, err.message, err.issues), { status: err.status, headers: err.headers });
  }
  if (err instanceof ZodError) {
    const issues = toIssues(err);
    return NextResponse.json(errorBody('bad_request', describeIssues(issues), issues), { status: 400 });
  }
  // A long import can hold SQLite's single write lock past busy_timeout: ask the client to retry instead of a 500.
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) {
    return NextResponse.json(errorBody('busy', 'The database is busy (a large import may be running); retry shortly.'), {
      status: 503,
      headers: { 'retry-after': '5' },
    });
  }
  // PostgreSQL failing over, restarting or unreachable, or a write that reached a standby: nothing
  // was stored, and the same request succeeds once the new primary serves (docs/scale-out.md).
  if (isDatabaseUnavailable(err)) {
    log.warn({ ...context, err: plainDbError(err) }, 'database unavailable; answered 503');
    return NextResponse.json(errorBody('busy', 'The database is unavailable (failing over or restarting); retry shortly.'), {
      status: 503,
      headers: { 'retry-after': String(UNAVAILABLE_RETRY_AFTER_SEC) },
    });
  }
  log.error({ ...context, err }, 'unexpected error; answered 500');
  return NextResponse.json(errorBody('internal', 'Internal error; it has been logged.'), { status: 500 });
}

/**
 * Wraps a route handler so every thrown error becomes a mapped JSON response, logged with the
 * request's id, and every answer echoes that id as X-Request-Id. Behind scripts/server.mjs the id
 * was already chosen there; under `next dev` or in a test it is chosen here.
 */
export function route<A extends unknown[]>(fn: (...args: A) => Promise<Response> | Response) {
  return async (...args: A): Promise<Response> => {
    const req = args[0] instanceof Request ? args[0] : undefined;
    const reqId = requestId(req?.headers.get(REQUEST_ID_HEADER));
    let response: Response;
    try {
      response = await fn(...args);
    } catch (err) {
      response = errorResponse(err, { reqId, method: req?.method, path: req && new URL(req.url).pathname });
    }
    try {
      response.headers.set(REQUEST_ID_HEADER, reqId);
    } catch {
      // Response.redirect() and fetched responses have immutable headers: they go out without it.
    }
    return response;
  };
}

/** Parses with a zod schema, throwing a 400 AppError that names each bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = toIssues(r.error);
    throw new AppError('bad_request', `Invalid ${what}: ${describeIssues(issues)}`, issues);
  }
  return r.data;
}

export const DEFAULT_JSON_LIMIT = 1024 * 1024;

/**
 * Reads a request body as text with a hard size cap (413 past it), counting bytes as they
 * stream so a lying or missing Content-Length cannot exhaust memory.
 */
export async function readBodyText(req: Request, limitBytes: number): Promise<string> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limitBytes) {
    throw new AppError('payload_too_large', `Body is ${declared} bytes; the limit is ${limitBytes} bytes.`);
  }
  if (!req.body) return '';
  const bytes = await readCapped(
    req.body,
    limitBytes,
    () => new AppError('payload_too_large', `Body exceeds the limit of ${limitBytes} bytes.`),
  );
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

const JSON_TYPE = /^application\/(.+\+)?json\b/i;

/** Reads and parses a JSON body (415 for other content types, 400 for malformed JSON). */
export async function readJson(req: Request, limitBytes = DEFAULT_JSON_LIMIT): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new AppError('unsupported_media_type', 'Content-Type must be application/json.');
  }
  return parseJson(await readBodyText(req, limitBytes));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'Body is not valid JSON.');
  }
}

/** A JSON body that may be left out: an empty body reads as `{}`; a body must be JSON (415 otherwise, 400 if malformed). */
export async function readOptionalJson(req: Request, limitBytes = DEFAULT_JSON_LIMIT): Promise<unknown> {
  const text = await readBodyText(req, limitBytes);
  if (!text.trim()) return {};
  if (!JSON_TYPE.test(req.headers.get('content-type') ?? ''))
    throw new AppError('unsupported_media_type', 'Content-Type must be application/json.');
  return parseJson(text);
}
