import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NATIVE_REQUIRED } from '@/lib/csv/native';
import { PORTS, SEED, SIZES } from './support/config';
import { expectConsistent, readDb } from './support/db-checks';
import { ACLED_HEADER, acledCsv, acledRow, incidentBody } from './support/fixtures';
import { call, postJson, Tally } from './support/http';
import { encodeSegment, expectHandled, nastyJson, nastyString } from './support/hostile';
import { report } from './support/report';
import { RelServer } from './support/server';
import { createTempDb, type TempDb } from './support/temp-db';

let tmp: TempDb;
let server: RelServer;
const tally = new Tally();
const count = () => readDb(tmp.path, (db) => db.prepare('SELECT count(*) FROM incidents').pluck().get() as number);
const post = (path: string, body: BodyInit, contentType: string, token = tmp.tokens[0]) =>
  call(server.url, path, { method: 'POST', token, body, contentType, timeoutMs: 60_000 }, tally);

beforeAll(async () => {
  // Tokens 4 and 5 are kept for the last two tests: each principal may write 600 times a minute, and
  // the property tests before them can use up tokens 0-3 (the long variant did, once the server got faster).
  tmp = await createTempDb(6);
  server = await RelServer.start({ port: PORTS.hostile + 1, dbPath: tmp.path });
});
afterAll(async () => {
  await server.stop('SIGTERM');
  tmp.remove();
});

const FIELDS = Object.keys(incidentBody('x', 0)).concat([
  'timePrecision',
  'geoPrecision',
  'claimStatus',
  'target',
  'killedBy',
  'injuredBy',
  'crossBorder',
  'sources',
  'verification',
  'unknownField',
  '__proto__',
  'constructor',
]);

describe('hostile JSON bodies', () => {
  it('POST /api/incidents: any field set to any value is a 201/200 or a 4xx that wrote nothing', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...FIELDS), nastyJson, { minKeys: 1, maxKeys: 3 }),
        fc.boolean(),
        async (changes, drop) => {
          const body: Record<string, unknown> = { ...incidentBody(`REL-HB-${n++}`, n) };
          for (const [k, v] of Object.entries(changes))
            if (drop && k !== 'sourceId') delete body[k];
            else body[k] = v;
          const before = count();
          const r = await postJson(server.url, '/api/incidents', tmp.tokens[n % 4], body, tally);
          expectHandled(r, `POST /api/incidents ${JSON.stringify(changes).slice(0, 300)}`);
          if (r.status >= 400) expect(count()).toBe(before);
        },
      ),
      { numRuns: SIZES.propertyRuns * 3, seed: SEED },
    );
  });

  it('rejects broken, binary, nested, huge and mistyped bodies with a clear 4xx', async () => {
    const valid = JSON.stringify(incidentBody('REL-HB-raw', 1));
    const raw: [string, BodyInit, string][] = [
      ...[1, 10, valid.length / 2, valid.length - 1].map((cut): [string, BodyInit, string] => [
        `truncated@${cut}`,
        valid.slice(0, cut),
        'application/json',
      ]),
      ['NaN literal', valid.replace(/"killed":\d+/, '"killed":NaN'), 'application/json'],
      ['Infinity via 1e999', valid.replace(/"lat":[\d.]+/, '"lat":1e999'), 'application/json'],
      ['deeply nested', '['.repeat(100_000) + ']'.repeat(100_000), 'application/json'],
      ['deeply nested object', '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000), 'application/json'],
      ['binary', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), 'application/json'],
      ['10 MB', `{"notes":"${'x'.repeat(10 * 1024 * 1024)}"}`, 'application/json'],
      ['array', '[]', 'application/json'],
      ['null', 'null', 'application/json'],
      ['text/plain', valid, 'text/plain'],
      ['form', 'a=1&b=2', 'application/x-www-form-urlencoded'],
      ['no type', valid, ''],
      ['utf-16', Buffer.from(valid, 'utf16le'), 'application/json; charset=utf-16'],
    ];
    const before = count();
    for (const path of ['/api/incidents', '/api/alert-rules', '/api/sites', '/api/alerts/1/acknowledge']) {
      for (const [what, body, type] of raw) {
        const r = await post(path, body, type);
        expectHandled(r, `${path} ${what}`);
        expect(r.status, `${path} ${what}`).toBeGreaterThanOrEqual(400);
        if (what === '10 MB') expect(r.status).toBe(413);
      }
    }
    expect(count()).toBe(before);
  });

  it('alert rules, acknowledgements and resolutions: any body is a 2xx or a clear 4xx', async () => {
    const rule = { name: 'r', severity: 'info', kind: 'threshold', params: { count: 3, windowHours: 24 }, scope: { region: ['kp'] } };
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom(
            'name',
            'severity',
            'kind',
            'params',
            'scope',
            'webhookUrl',
            'webhookSecret',
            'enabled',
            'silencedUntil',
            'extra',
          ),
          nastyJson,
          { maxKeys: 3 },
        ),
        nastyString,
        async (changes, id) => {
          const r = await postJson(server.url, '/api/alert-rules', tmp.tokens[0], { ...rule, ...changes }, tally);
          expectHandled(r, `POST /api/alert-rules ${JSON.stringify(changes).slice(0, 200)}`);
          const p = await call(
            server.url,
            `/api/alert-rules/${encodeSegment(id)}`,
            { method: 'PATCH', token: tmp.tokens[0], body: JSON.stringify(changes), contentType: 'application/json' },
            tally,
          );
          expectHandled(p, `PATCH /api/alert-rules/${id.slice(0, 40)}`);
          for (const action of ['acknowledge', 'resolve']) {
            const a = await postJson(server.url, `/api/alerts/${encodeSegment(id)}/${action}`, tmp.tokens[0], changes, tally);
            expectHandled(a, `POST /api/alerts/${id.slice(0, 40)}/${action}`);
          }
        },
      ),
      { numRuns: SIZES.propertyRuns, seed: SEED },
    );
  });
});

const csvCell = (s: string) => `"${s.replaceAll('"', '""')}"`;

describe('hostile CSV imports', () => {
  it('any mangled ACLED or native file is imported whole or refused whole', async () => {
    const mangle = fc.record({
      bom: fc.boolean(),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      rows: fc.array(fc.record({ drop: fc.nat(40), cell: fc.nat(30), value: nastyString, quoted: fc.boolean() }), {
        minLength: 1,
        maxLength: 8,
      }),
      extra: fc.constantFrom('', 'a,b,c', '"unterminated', ',,,,', '\u0000'),
      format: fc.constantFrom('acled', 'native'),
      dryRun: fc.boolean(),
    });
    let k = 0;
    await fc.assert(
      fc.asyncProperty(mangle, async (m) => {
        const lines = [ACLED_HEADER.join(',')];
        for (const r of m.rows) {
          const cells = acledRow(`RELCSV${k++}-`, r.cell).map(String);
          cells[r.cell] = r.quoted ? csvCell(r.value) : r.value;
          lines.push(cells.slice(0, cells.length - (r.drop % 3 === 0 ? r.drop % 5 : 0)).join(','));
        }
        if (m.extra) lines.push(m.extra);
        const text = (m.bom ? '\uFEFF' : '') + lines.join(m.eol);
        const before = count();
        const r = await post(`/api/import?format=${m.format}&dryRun=${m.dryRun}`, text, 'text/csv', tmp.tokens[k % 4]);
        expectHandled(r, `import ${JSON.stringify(m).slice(0, 300)}`);
        const after = count();
        if (r.status === 200 && !m.dryRun) expect(after - before).toBe((r.json as { inserted: number }).inserted);
        else expect(after).toBe(before);
      }),
      { numRuns: SIZES.propertyRuns * 2, seed: SEED },
    );
  });

  it('native CSV: any cell of any column set to a hostile value is imported whole or refused whole', async () => {
    // Every required native column, then optional ones of each kind (number, text, boolean, list, split count).
    const columns: string[] = [
      ...NATIVE_REQUIRED,
      'killed',
      'injured',
      'notes',
      'crossBorder',
      'sources',
      'killedSecurity',
      'timePrecision',
    ];
    let k = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ col: fc.nat(columns.length - 1), value: nastyString }), { maxLength: 4 }),
        fc.boolean(),
        async (edits, crlf) => {
          const rows = [0, 1, 2].map((i) => {
            const b = incidentBody(`RELNAT${k++}`, i);
            const cells: Record<string, string> = {
              ...Object.fromEntries(Object.entries(b).map(([c, v]) => [c, String(v)])),
              crossBorder: 'false',
              sources: 'Dawn | Reuters',
              killedSecurity: '0',
              timePrecision: '1',
            };
            for (const e of edits) cells[columns[e.col]] = e.value;
            return columns.map((c) => csvCell(cells[c] ?? '')).join(',');
          });
          const text = [columns.join(','), ...rows].join(crlf ? '\r\n' : '\n');
          const before = count();
          const r = await post('/api/import?format=native', text, 'text/csv', tmp.tokens[k % 4]);
          expectHandled(r, `native import ${JSON.stringify(edits).slice(0, 300)}`);
          expect(count() - before).toBe(r.status === 200 ? (r.json as { inserted: number }).inserted : 0);
          if (r.status === 422) expect((r.json as { error: { issues: unknown[] } }).error.issues.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: SIZES.propertyRuns * 2, seed: SEED },
    );
  });

  it('refuses wrong content types, binary, 10 MB garbage and traversal upload names without side effects', async () => {
    const before = count();
    for (const [body, type] of [
      ['a,b\n1,2', 'application/json'],
      [new Uint8Array(2048).fill(0xff), 'text/csv'],
      ['x'.repeat(10 * 1024 * 1024), 'text/csv'],
      [`${ACLED_HEADER.join(',')}\n${'"'.repeat(1000)}`, 'text/csv'],
      ['--b\r\ngarbage', 'multipart/form-data; boundary=b'],
    ] as [BodyInit, string][]) {
      const r = await post('/api/import?format=acled', body, type, tmp.tokens[4]);
      expectHandled(r, `import ${type}`);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).not.toBe(429);
    }
    const form = new FormData();
    const file = acledCsv('RELUP-', 1);
    form.set('file', new Blob([file], { type: 'text/csv' }), '../../../../tmp/fw-rel-evil.csv');
    const up = await call(server.url, '/api/import?format=acled', { method: 'POST', token: tmp.tokens[4], body: form }, tally);
    expectHandled(up, 'multipart upload with a traversal name');
    expect(up.status).toBe(200);
    expect(count()).toBe(before + 1);
    expect(readDb(tmp.path, (db) => db.prepare('SELECT file_name FROM import_batches ORDER BY id DESC LIMIT 1').pluck().get())).toMatch(
      /fw-rel-evil\.csv$/,
    );
    expect(await import('node:fs').then((fs) => fs.existsSync('/tmp/fw-rel-evil.csv'))).toBe(false);
  });

  it('neutralises spreadsheet formulas on export and stores HTML verbatim as data', async () => {
    const payloads = ["=cmd|'/c calc'!A1", '+SUM(1,2)', '-2+3', '@IMPORTXML(1)', '\t=1', '\uFF1D1+1', '<img src=x onerror=alert(1)>'];
    for (const [i, p] of payloads.entries()) {
      const r = await postJson(
        server.url,
        '/api/incidents',
        tmp.tokens[5],
        { ...incidentBody(`REL-F-${i}`, i), notes: p, location: p, actor1: p, admin2: p },
        tally,
      );
      expect(r.status, r.text).toBe(201);
      expect((r.json as { notes: string }).notes).toBe(p.trim());
    }
    const csv = await call(server.url, '/api/incidents/export?format=csv', { token: tmp.tokens[0] }, tally);
    expect(csv.status).toBe(200);
    const { parse } = await import('csv-parse/sync');
    const cells = parse(csv.text, { bom: true, relax_column_count: true }).flat();
    const dangerous = cells.filter((c) => /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(c) && !/^-?\d+(\.\d+)?$/.test(c));
    expect(dangerous).toEqual([]);
    expect(cells).toContain("'=cmd|'/c calc'!A1");
    const page = await call(server.url, '/?q=onerror', { token: tmp.tokens[0] }, tally);
    expect(page.status).toBeLessThan(500);
    expect(page.text).not.toContain('<img src=x onerror=alert(1)>');
  });

  it('leaves the database intact', () => {
    expect(tally.serverErrors).toEqual([]);
    expectConsistent(tmp.path);
    report('hostile-bodies', { requests: tally.requests, statuses: tally.summary(), failures: tally.serverErrors.length });
  });
});
