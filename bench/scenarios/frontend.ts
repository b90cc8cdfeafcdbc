import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { benchContext } from '../lib/browser';
import { DIST_DIR } from '../lib/server';
import { metric } from '../lib/metric';
import { INSTRUMENT } from './page-probe';
import { sharedBrowser } from './browser-map';
import type { Scenario } from './types';

/**
 * Every script the HTML of `/` makes a browser load (script src and modulepreload), resolved in the
 * build folder. `nomodule` scripts (Next's legacy polyfills) are skipped: a browser with ES modules,
 * Chromium included, never downloads them.
 */
export function firstLoadScripts(html: string): string[] {
  const urls = new Set<string>();
  for (const [, attrs] of html.matchAll(/<script\b([^>]*)>/g)) {
    const src = /\ssrc="([^"]+\.js[^"]*)"/.exec(attrs)?.[1];
    if (src && !/\snomodule\b/i.test(attrs)) urls.add(src);
  }
  for (const m of html.matchAll(/<link[^>]*rel="(?:modulepreload|preload)"[^>]*href="([^"]+\.js[^"]*)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<link[^>]*href="([^"]+\.js[^"]*)"[^>]*rel="(?:modulepreload|preload)"/g)) urls.add(m[1]);
  return [...urls].map((u) => u.replace(/^\/_next\//, `${DIST_DIR}/`).split('?')[0]);
}

/** First-load JavaScript of the dashboard (gzipped, from the build output), LCP and CLS in Chromium. */
export const frontendScenario: Scenario = {
  name: 'frontend',
  async run(ctx) {
    const client = await ctx.client(1);
    const res = await client.request('GET', `/?from=${ctx.window.from}&to=${ctx.window.to}`);
    if (res.status !== 200) throw new Error(`GET / → ${res.status}`);
    const files = firstLoadScripts(res.body);
    const missing = files.filter((f) => !existsSync(f));
    if (missing.length) throw new Error(`scripts referenced by / not in ${DIST_DIR}: ${missing.join(', ')}`);
    const sources = files.map((f) => readFileSync(f));
    const gzKb = sources.reduce((n, s) => n + gzipSync(s).length, 0) / 1024;
    const leafletInFirstLoad = sources.some((s) => s.includes('leaflet-container')) ? 1 : 0;

    const context = await benchContext(await sharedBrowser(), ctx.token);
    await context.addInitScript(INSTRUMENT);
    const page = await context.newPage();
    try {
      await page.goto(`${await ctx.baseUrl()}/?from=${ctx.window.from}&to=${ctx.window.to}`, { waitUntil: 'load' });
      await page.waitForTimeout(3000);
      const { lcp, cls } = await page.evaluate(() => (window as unknown as { __fw: { lcp: number; cls: number } }).__fw);
      return [
        metric('frontend', `first-load JS of / (${files.length} scripts, gzip)`, 'KB', gzKb, 'max', 180),
        metric('frontend', 'Leaflet in first-load JS (1 = yes)', 'flag', leafletInFirstLoad, 'max', 0),
        metric('frontend', 'LCP', 'ms', lcp, 'max', 1000),
        metric('frontend', 'CLS', '', cls, 'max', 0.1),
      ];
    } finally {
      await context.close();
    }
  },
};
