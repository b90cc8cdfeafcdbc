import { describe, expect, it } from 'vitest';
import { parseSimulateArgs, parseSimulateReportsArgs } from '@/scripts/lib/simulate-args';
import { liveIncidentStream } from '@/lib/demo/live';
import { incidentInputSchema } from '@/lib/incidents/input';

describe('simulator arguments', () => {
  it('defaults to the local server every 3 s without a limit', () => {
    expect(parseSimulateArgs({})).toEqual({ ok: true, args: { url: 'http://127.0.0.1:3000', interval: 3 } });
  });

  it('accepts http(s) URLs, intervals, counts and tokens', () => {
    const r = parseSimulateArgs({ url: 'https://fw.example.org', interval: '0.5', count: '10', token: 'fw_abc' });
    expect(r).toEqual({ ok: true, args: { url: 'https://fw.example.org', interval: 0.5, count: 10, token: 'fw_abc' } });
  });

  it.each([
    [{ url: 'file:///etc/passwd' }, '--url: must be an http:// or https:// URL'],
    [{ url: 'not a url' }, '--url: must be an http:// or https:// URL'],
    [{ interval: 'soon' }, '--interval: must be a number of seconds'],
    [{ interval: '0' }, '--interval: must be at least 0.2 seconds'],
    [{ count: '2.5' }, '--count: must be a whole number'],
    [{ count: '0' }, '--count: must be at least 1'],
    [{ token: '  ' }, '--token: must not be empty'],
  ])('rejects %o with a clear message', (values, message) => {
    const r = parseSimulateArgs(values);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContain(message);
  });
});

describe('simulator arguments with --reports', () => {
  it('defaults to a feed on port 3939 with a report every 10 s', () => {
    expect(parseSimulateReportsArgs({})).toEqual({ ok: true, args: { 'feed-port': 3939, interval: 10 } });
    expect(parseSimulateReportsArgs({ 'feed-port': '0', interval: '0.5', count: '4' })).toEqual({
      ok: true,
      args: { 'feed-port': 0, interval: 0.5, count: 4 },
    });
  });

  it.each([
    [{ 'feed-port': '70000' }, '--feed-port: must be 0 (any free port) or 1–65535'],
    [{ 'feed-port': 'http' }, '--feed-port: must be a port number'],
    [{ interval: '0.1' }, '--interval: must be at least 0.2 seconds'],
    [{ count: '0' }, '--count: must be at least 1'],
    [{ url: 'http://127.0.0.1:3000' }, '--url: not used with --reports (reports go to the configured database, DATABASE_PATH)'],
  ])('rejects %o with a clear message', (values, message) => {
    const r = parseSimulateReportsArgs(values);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContain(message);
  });
});

describe('live incident stream', () => {
  it('produces valid, distinct, current incidents', () => {
    const next = liveIncidentStream(42);
    const at = Date.parse('2026-11-25T10:00:00Z');
    const a = next(at);
    const b = next(at + 3000);
    for (const x of [a, b]) {
      expect(incidentInputSchema.safeParse(x).success).toBe(true);
      expect(x.source).toBe('simulator');
    }
    expect(a.occurredAt).toBe('2026-11-25T10:00:00.000Z');
    expect(a.sourceId).not.toBe(b.sourceId);
  });
});
