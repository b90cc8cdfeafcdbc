import http from 'node:http';
import { metric, type Metric } from '../lib/metric';
import { processGroupRss, sampleMax } from '../lib/process-rss';
import { dayNumber } from '@/lib/time/zone';
import type { BenchContext, Scenario } from './types';

/** The one-year export (`from=2024-01-01&to=2024-12-31`: 137,204 rows at 1M) and the full all-time export. */
const WINDOWS = [
  { key: 'all time', query: '', days: null },
  { key: '2024', query: '&from=2024-01-01&to=2024-12-31', days: ['2024-01-01', '2024-12-31'] as const },
] as const;
const FORMATS = ['csv', 'geojson'] as const;
const TARGET_ROWS_PER_S = 50_000;
const TARGET_RSS_MB = 100;
const MB = 1e6;

interface Download {
  status: number;
  ms: number;
  bytes: number;
  newlines: number;
  tail: string;
}

/** One export read to the end at the client, counting bytes (and line ends, for the CSV check). */
function download(baseUrl: string, token: string, path: string): Promise<Download> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const req = http.get(new URL(path, baseUrl), { headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      let bytes = 0;
      let newlines = 0;
      let last: Buffer = Buffer.alloc(0);
      res.on('data', (c: Buffer) => {
        bytes += c.length;
        for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) newlines++;
        last = c;
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - t, bytes, newlines, tail: last.subarray(-16).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(600_000, () => req.destroy(new Error(`timeout GET ${path}`)));
    req.on('error', reject);
  });
}

/** The floor: the same rows, newest first, iterated with better-sqlite3 alone (no item, no text, no HTTP). */
function floor(ctx: BenchContext, days: readonly [string, string] | null): { rows: number; rowsPerS: number } {
  const where = days ? 'WHERE occurred_day BETWEEN ? AND ?' : '';
  const stmt = ctx.db().$client.prepare(`SELECT * FROM incidents ${where} ORDER BY occurred_at DESC, id DESC`).raw();
  const t = performance.now();
  let rows = 0;
  for (const _row of days ? stmt.iterate(dayNumber(days[0]), dayNumber(days[1])) : stmt.iterate()) rows++;
  return { rows, rowsPerS: rows / ((performance.now() - t) / 1000) };
}

/**
 * GET /api/incidents/export over loopback for the full data set and for one year, as CSV and
 * GeoJSON: rows per second at the client (the whole body read) beside the floor of the same run,
 * and the growth of the server's resident memory while it streams (sampled every 100 ms against
 * the resident memory just before the request).
 */
export const exportScenario: Scenario = {
  name: 'export',
  async run(ctx) {
    const baseUrl = await ctx.baseUrl();
    const pid = ctx.serverPid?.();
    const client = await ctx.client(1);
    // The incident index is built at start-up: wait for it, so its memory is not counted as the export's.
    await client.json('GET', '/api/incidents?limit=1');
    const out: Metric[] = [];
    for (const w of WINDOWS) {
      const f = floor(ctx, w.days);
      for (const format of FORMATS) {
        const before = pid === undefined ? null : processGroupRss(pid);
        const rss = sampleMax(() => (pid === undefined ? null : processGroupRss(pid)));
        const d = await download(baseUrl, ctx.token, `/api/incidents/export?format=${format}${w.query}`);
        const peak = rss.stop();
        if (d.status !== 200) throw new Error(`export ${format} ${w.key} → ${d.status}`);
        // Every record ends a line: the CSV has at least header + rows line ends; the GeoJSON closes.
        if (format === 'csv' ? d.newlines < f.rows + 1 : !d.tail.endsWith(']}')) throw new Error(`export ${format} ${w.key}: truncated`);
        const label = `${format.toUpperCase()} export, ${w.key} (${f.rows.toLocaleString('en')} rows, ${Math.round(d.bytes / MB)} MB)`;
        out.push(
          metric('export', `${label}: rows/s at the client`, 'rows/s', f.rows / (d.ms / 1000), 'min', TARGET_ROWS_PER_S, {
            baseline: { name: 'better-sqlite3 alone, same rows', value: f.rowsPerS },
          }),
          metric(
            'export',
            `${label}: server RSS growth while streaming`,
            'MB',
            before !== null && peak !== null ? (peak - before) / MB : Number.NaN,
            'max',
            TARGET_RSS_MB,
          ),
        );
        ctx.log(
          `  export ${format} ${w.key}: ${Math.round(f.rows / (d.ms / 1000)).toLocaleString('en')} rows/s (floor ${Math.round(f.rowsPerS).toLocaleString('en')}), ${(d.ms / 1000).toFixed(1)} s`,
        );
      }
    }
    return out;
  },
};
