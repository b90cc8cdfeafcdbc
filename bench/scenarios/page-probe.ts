import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';

export const INSTRUMENT = readFileSync('bench/browser/instrument.js', 'utf8');

export interface MapRender {
  /** responseEnd of the first /api/map response (data arrival), page clock. */
  dataAt: number;
  /** First frame after the map's last DOM/canvas update that followed the data. */
  paintedAt: number;
  mapUrl: string;
  domNodes: number;
  maxLongTask: number;
}

/** Waits until the map has data and nothing in it changed for `quietMs`, then reads the probe. */
export async function waitForMapRender(page: Page, quietMs = 1500, timeoutMs = 60_000): Promise<MapRender> {
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('/api/map')), undefined, {
    timeout: timeoutMs,
  });
  await page.waitForFunction(
    (quiet) => {
      const fw = (window as unknown as { __fw: { mapMutations: number[]; draws: number[] } }).__fw;
      const last = Math.max(fw.mapMutations.at(-1) ?? 0, fw.draws.at(-1) ?? 0);
      return performance.now() - last > quiet;
    },
    quietMs,
    { timeout: timeoutMs, polling: 100 },
  );
  return page.evaluate(() => {
    const fw = (
      window as unknown as { __fw: { frames: number[]; mapMutations: number[]; draws: number[]; longTasks: { duration: number }[] } }
    ).__fw;
    const entry = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/map')) as PerformanceResourceTiming;
    const dataAt = entry.responseEnd;
    const after = [...fw.mapMutations, ...fw.draws].filter((t) => t >= dataAt);
    const lastUpdate = after.length ? Math.max(...after) : dataAt;
    const paintedAt = fw.frames.find((f) => f > lastUpdate) ?? Number.NaN;
    return {
      dataAt,
      paintedAt,
      mapUrl: entry.name,
      domNodes: document.getElementsByTagName('*').length,
      maxLongTask: fw.longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
    };
  });
}

/** Input → first frame after the map visibly reacted (pane transform or redraw), per interaction. */
export async function inputToFrame(page: Page, act: () => Promise<void>): Promise<number> {
  const before = await page.evaluate(() => performance.now());
  await act();
  await page.waitForTimeout(600);
  return page.evaluate((since) => {
    const fw = (window as unknown as { __fw: { frames: number[]; mapMutations: number[]; draws: number[]; inputs: { at: number }[] } })
      .__fw;
    const input = fw.inputs.find((i) => i.at >= since);
    if (!input) return Number.NaN;
    const reaction = [...fw.mapMutations, ...fw.draws].filter((t) => t >= input.at).sort((a, b) => a - b)[0];
    if (reaction === undefined) return Number.NaN;
    const frame = fw.frames.find((f) => f > reaction);
    return (frame ?? Number.NaN) - input.at;
  }, before);
}
