import { readCapped } from '@/server/http/read-capped';
import { AcledAnswerError } from '@/lib/acled/api';
import { checkUrl } from './feed-http';

/**
 * One bounded exchange with the ACLED API, guarded as feeds are (server/intake/feed-http.ts):
 * http(s) only, one deadline for the whole exchange, the body counted as it streams and cut off at
 * `maxBytes`. Redirects are refused rather than followed: the password and the bearer token must
 * reach only the address the admin configured. Errors carry the status and Retry-After, never a
 * header or body (a server may echo credentials back).
 */

export interface AcledLimits {
  timeoutMs: number;
  /** A page of 5,000 rows is ~7 MB of JSON; anything far beyond is hostile. */
  maxBytes: number;
}

export const DEFAULT_ACLED_LIMITS: AcledLimits = { timeoutMs: 120_000, maxBytes: 64 * 1024 * 1024 };

export class AcledHttpError extends Error {
  override readonly name = 'AcledHttpError';
  constructor(
    readonly status: number,
    message: string,
    /** From Retry-After (429/503), in ms; null when absent or unreadable. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when missing or nonsense. */
export function retryAfterMs(value: string | null, now: number): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export interface AcledRequest {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** POST: form fields (application/x-www-form-urlencoded). */
  form?: Record<string, string>;
}

/** A connection that failed before any answer (a reset keep-alive socket, a refused connection). */
class NetworkError extends AcledHttpError {}

/**
 * The answer as JSON. A request that failed on the connection, before any answer, is sent once
 * more at once: a reused keep-alive socket the server had closed fails that way. Reads are
 * idempotent, and a repeated token grant only issues another token.
 */
export async function acledJson(raw: string, req: AcledRequest, limits: AcledLimits, signal?: AbortSignal): Promise<unknown> {
  try {
    return await exchange(raw, req, limits, signal);
  } catch (error) {
    if (!(error instanceof NetworkError) || signal?.aborted) throw error;
    return exchange(raw, req, limits, signal);
  }
}

async function exchange(raw: string, req: AcledRequest, limits: AcledLimits, signal?: AbortSignal): Promise<unknown> {
  const url = checkUrl(raw);
  const controller = new AbortController();
  const timeout = new AcledHttpError(0, `no complete answer within ${limits.timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(timeout), limits.timeoutMs);
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) onAbort();
  try {
    const response = await fetch(url, {
      method: req.method,
      headers: {
        accept: 'application/json',
        'user-agent': 'FrontierWatch-Intake/1 (+self-hosted)',
        ...(req.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...req.headers,
      },
      body: req.form ? new URLSearchParams(req.form).toString() : undefined,
      redirect: 'manual',
      signal: controller.signal,
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      const where = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
      throw new AcledHttpError(
        response.status,
        `HTTP ${response.status}${where}`,
        retryAfterMs(response.headers.get('retry-after'), Date.now()),
      );
    }
    const tooLarge = () => new AcledHttpError(0, `answer larger than ${limits.maxBytes} bytes`);
    const declared = Number(response.headers.get('content-length'));
    if (!response.headers.get('content-encoding') && declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw tooLarge();
    }
    const bytes = response.body ? await readCapped(response.body, limits.maxBytes, tooLarge) : new Uint8Array(0);
    try {
      return JSON.parse(new TextDecoder('utf-8').decode(bytes)) as unknown;
    } catch {
      throw new AcledAnswerError('the answer is not JSON');
    }
  } catch (error) {
    if (error instanceof AcledHttpError || error instanceof AcledAnswerError) throw error;
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
    if (reason instanceof AcledHttpError) throw reason;
    if (signal?.aborted) throw error;
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new NetworkError(0, `request failed: ${cause ?? 'network error'}`);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
