import { describe, expect, it } from 'vitest';
import { syntheticReportStream, syntheticReports, type SyntheticReport } from '@/lib/intake/synthetic/generate';
import { extractReport } from '@/lib/intake/extract';

const TZ = 'Asia/Karachi';
const TO = Date.parse('2026-12-06T06:00:00Z');
const FROM = TO - 5 * 86_400_000;
const batch = (seed: number, count = 120) => syntheticReports({ seed, timeZone: TZ, count, from: FROM, to: TO });

describe('synthetic reports', () => {
  it('are deterministic in their seed and clock, and differ between seeds', () => {
    expect(batch(7)).toEqual(batch(7));
    expect(batch(8).map((r) => r.text)).not.toEqual(batch(7).map((r) => r.text));
    const a = syntheticReportStream({ seed: 3, timeZone: TZ });
    const b = syntheticReportStream({ seed: 3, timeZone: TZ });
    for (let i = 0; i < 20; i++) expect(a(TO + i * 60_000)).toEqual(b(TO + i * 60_000));
  });

  it('keep their item keys when the clock moves, so a restart finds them already stored', () => {
    const later = syntheticReports({ seed: 7, timeZone: TZ, count: 30, from: FROM + 86_400_000, to: TO + 86_400_000 });
    expect(later.map((r) => r.itemKey).sort()).toEqual(
      batch(7, 30)
        .map((r) => r.itemKey)
        .sort(),
    );
  });

  it('are published inside the window, oldest first, each under its own key', () => {
    const rs = batch(11);
    expect(rs).toHaveLength(120);
    expect(new Set(rs.map((r) => r.itemKey)).size).toBe(120);
    const times = rs.map((r) => Date.parse(r.publishedAt));
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(FROM);
    expect(Math.max(...times)).toBeLessThanOrEqual(TO);
  });

  it('are labelled synthetic in title, outlet, GUID, link and text', () => {
    for (const r of [
      ...batch(5),
      syntheticReportStream({ seed: 5, timeZone: TZ, keyPrefix: 'sim', baseUrl: 'http://127.0.0.1:3999/synthetic' })(TO),
    ]) {
      expect(r.title).toMatch(/ \[synthetic\]$/);
      expect(r.sourceName).toMatch(/^Synthetic .+ \(demo\)$/);
      expect(r.itemKey).toMatch(/^synthetic:(demo|sim)\/\d+$/);
      expect(r.url).toMatch(/^http:\/\/127\.0\.0\.1(:\d+)?\/synthetic\/[a-z]+\/(demo|sim)-\d+$/);
      expect(r.text).toContain('Synthetic report generated for the Frontier Watch demo: invented events.');
    }
  });

  it('vary: kinds, follow-ups, non-events, outlets, regions, numbers in words and numerals', () => {
    const rs = batch(13);
    expect(new Set(rs.map((r) => r.truth.kind)).size).toBeGreaterThanOrEqual(8);
    const roles = new Set(rs.map((r) => r.truth.role));
    for (const role of ['first', 'second-outlet', 'toll-rises'] as const) expect(roles).toContain(role);
    expect(roles.has('claim') || roles.has('denial')).toBe(true);
    expect(rs.filter((r) => !r.truth.isIncident).length).toBeGreaterThanOrEqual(5);
    expect(new Set(rs.map((r) => r.sourceName)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(rs.map((r) => r.truth.region))).toEqual(new Set(['kp', 'balochistan', 'barmal', 'tajikistan']));
    expect(new Set(rs.map((r) => r.truth.district)).size).toBeGreaterThanOrEqual(15);
    // The same event told by two outlets: the triage page's duplicate-and-candidates case.
    const seconds = rs.filter((r) => r.truth.role === 'second-outlet');
    expect(seconds.length).toBeGreaterThanOrEqual(3);
    for (const second of seconds) {
      const first = rs.find((r) => r.truth.eventId === second.truth.eventId && r.truth.role === 'first');
      // Another outlet, its own headline, the same place.
      expect(first).toBeDefined();
      expect(second.sourceName).not.toBe(first!.sourceName);
      expect(second.title).not.toBe(first!.title);
      expect(second.truth.district).toBe(first!.truth.district);
    }
    expect(rs.some((r) => /\b(two|three|four|five|six|seven|eight|nine)\b/i.test(r.title))).toBe(true);
    expect(rs.some((r) => /\b\d+ (soldiers|policemen|terrorists|khwarij|labourers|civilians|injured)\b/.test(r.title))).toBe(true);
    expect(rs.some((r) => /Fitna al-(Khawarij|Hindustan)|khawarij|khwarij/.test(r.text))).toBe(true);
  });

  /** A product demo: every incident report the generator writes must land on the map with a type. */
  it.each([1, 2, 3, 4])('incident reports extract their district and an event type; non-events are set apart (seed %i)', (seed) => {
    const misses: string[] = [];
    const check = (r: SyntheticReport) => {
      const x = extractReport(r, { timeZone: TZ, receivedAt: r.publishedAt });
      if (x.isIncident !== r.truth.isIncident) misses.push(`${r.itemKey} ${r.truth.role}: isIncident ${x.isIncident}: ${r.title}`);
      else if (r.truth.isIncident && (x.draft.admin2 !== r.truth.district || !x.draft.subEventType || !x.region))
        misses.push(`${r.itemKey} ${r.truth.kind}/${r.truth.role}: ${x.draft.admin2} ${x.draft.subEventType} ${x.region}: ${r.title}`);
    };
    batch(seed, 100).forEach(check);
    const next = syntheticReportStream({ seed, timeZone: TZ, keyPrefix: 'sim' });
    for (let i = 0; i < 60; i++) check(next(TO + i * 3_600_000));
    expect(misses).toEqual([]);
  });
});
