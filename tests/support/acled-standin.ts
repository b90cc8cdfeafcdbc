import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SourceInput } from '@/db/services/sources';
import type { AcledRow } from './api-acled';

/**
 * A stand-in for the ACLED API on 127.0.0.1 (ephemeral port), built from ACLED's documentation and
 * its public clients (docs/intake.md, "ACLED API sync"): the OAuth password and refresh grants at
 * /oauth/token (client_id=acled), /api/acled/read with country, event_date BETWEEN, timestamp >,
 * limit and page, and /api/deleted/read with deleted_timestamp >. Answers are ACLED's envelope
 * `{ status, success, count, data }` with every value as text. Failures are scripted per path.
 */

/**
 * The ACLED source a sync against the stand-in runs with (the benchmark and the kill test alike):
 * Pakistan since 2017, polled every 6 hours, with the stand-in's account.
 */
export function standinSourceInput(api: { base: string; email: string; password: string }): SourceInput {
  return {
    name: 'ACLED',
    kind: 'acled',
    url: api.base,
    email: api.email,
    password: api.password,
    countries: ['Pakistan'],
    since: '2017-01-01',
    pollMinutes: 360,
    enabled: true,
  };
}

export interface StandinOptions {
  email?: string;
  password?: string;
  /** Lifetime the token answer states, seconds. */
  expiresIn?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  /** The form body of a token request. */
  form: Record<string, string> | null;
  status: number;
}

interface Failure {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface DeletedRow {
  event_id_cnty: string;
  deleted_timestamp: number;
}

export class AcledStandin {
  events: AcledRow[] = [];
  deleted: DeletedRow[] = [];
  readonly log: LoggedRequest[] = [];
  email: string;
  password: string;
  expiresIn: number;
  /** Tokens the server accepts (revoking one makes the next read a 401). */
  readonly access = new Set<string>();
  readonly refresh = new Set<string>();
  /** Every token handed out, to check that none leaked. */
  readonly issued: string[] = [];
  private failures = new Map<string, Failure[]>();
  /** Read pages answer only after this resolves (the kill test holds a page open). */
  holdRead: ((query: Record<string, string>) => Promise<void> | void) | null = null;
  private server: Server | null = null;
  private seq = 0;
  base = '';

  constructor(opts: StandinOptions = {}) {
    this.email = opts.email ?? 'analyst@example.org';
    this.password = opts.password ?? 'correct horse battery staple';
    this.expiresIn = opts.expiresIn ?? 86_400;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `times` requests to `path` answer `status` instead. */
  fail(path: string, status: number, times = 1, headers?: Record<string, string>, body?: string): void {
    const list = this.failures.get(path) ?? [];
    for (let i = 0; i < times; i++) list.push({ status, headers, body });
    this.failures.set(path, list);
  }

  /** Forgets every access token (as if they expired on ACLED's side). */
  expireAccessTokens(): void {
    this.access.clear();
  }

  requests(path: string): LoggedRequest[] {
    return this.log.filter((r) => r.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const query = Object.fromEntries(url.searchParams);
    const body = await new Promise<string>((resolve) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (text += c));
      req.on('end', () => resolve(text));
    });
    const form = req.method === 'POST' ? Object.fromEntries(new URLSearchParams(body)) : null;
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      authorization: req.headers.authorization ?? null,
      form,
      status: 0,
    };
    this.log.push(entry);
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof json === 'string' ? json : JSON.stringify(json));
    };
    const scripted = this.failures.get(url.pathname)?.shift();
    if (scripted) return send(scripted.status, scripted.body ?? { success: false, error: `scripted ${scripted.status}` }, scripted.headers);
    if (url.pathname === '/oauth/token' && req.method === 'POST') return this.token(form ?? {}, send);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (url.pathname === '/api/acled/read' || url.pathname === '/api/deleted/read') {
      if (!bearer || !this.access.has(bearer)) return send(401, { success: false, error: 'Unauthorized' });
      if (url.pathname === '/api/deleted/read') return send(200, this.page(this.deletedMatching(query), query));
      await this.holdRead?.(query);
      return send(200, this.page(this.eventsMatching(query), query));
    }
    send(404, { success: false, error: 'not found' });
  }

  private token(form: Record<string, string>, send: (status: number, json: unknown) => void): void {
    if (form.client_id !== 'acled') return send(401, { error: 'invalid_client' });
    if (form.grant_type === 'password') {
      if (form.username !== this.email || form.password !== this.password)
        return send(400, { error: 'invalid_grant', error_description: 'bad credentials' });
    } else if (form.grant_type === 'refresh_token') {
      if (!this.refresh.has(form.refresh_token)) return send(400, { error: 'invalid_grant' });
      this.refresh.delete(form.refresh_token);
    } else return send(400, { error: 'unsupported_grant_type' });
    const n = ++this.seq;
    const access = `standin-access-${n}-${Math.random().toString(36).slice(2)}`;
    const refresh = `standin-refresh-${n}-${Math.random().toString(36).slice(2)}`;
    this.access.add(access);
    this.refresh.add(refresh);
    this.issued.push(access, refresh);
    send(200, { token_type: 'Bearer', expires_in: this.expiresIn, access_token: access, refresh_token: refresh });
  }

  private eventsMatching(q: Record<string, string>): AcledRow[] {
    let rows = this.events;
    if (q.country) rows = rows.filter((r) => r.country === q.country);
    if (q.event_date && q.event_date_where === 'BETWEEN') {
      const [from, to] = q.event_date.split('|');
      rows = rows.filter((r) => String(r.event_date) >= from && String(r.event_date) <= to);
    }
    if (q.timestamp && q.timestamp_where === '>') rows = rows.filter((r) => Number(r.timestamp) > Number(q.timestamp));
    // Stable order, as the API pages a fixed query consistently.
    return rows;
  }

  private deletedMatching(q: Record<string, string>): Record<string, string | number>[] {
    let rows = this.deleted;
    if (q.deleted_timestamp && q.deleted_timestamp_where === '>')
      rows = rows.filter((r) => r.deleted_timestamp > Number(q.deleted_timestamp));
    return rows.map((r) => ({ event_id_cnty: r.event_id_cnty, deleted_timestamp: String(r.deleted_timestamp) }));
  }

  private page(rows: unknown[], q: Record<string, string>) {
    const limit = Math.max(1, Number(q.limit) || 5000);
    const page = Math.max(1, Number(q.page) || 1);
    // Every value as text, as ACLED sends it.
    const data = rows
      .slice((page - 1) * limit, page * limit)
      .map((r) =>
        typeof r === 'object' && r ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === undefined ? '' : String(v)])) : r,
      );
    return { status: 200, success: true, last_update: 0, count: data.length, messages: [], data, filename: 'acled' };
  }
}
