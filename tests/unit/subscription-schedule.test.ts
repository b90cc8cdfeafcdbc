import { describe, expect, it } from 'vitest';
import { digestInstant, dueDigest, nextDigestAt } from '@/lib/subscriptions/schedule';
import { severitiesFrom, subscriptionCreateSchema, subscriptionPatchSchema } from '@/lib/subscriptions/schema';

const MONDAY_8 = { weekday: 1, hour: 8, minute: 0 };

describe('the digest schedule', () => {
  it('is Monday 08:00 in the reporting zone, and due from then on for the last complete ISO week', () => {
    // Monday 16 Dec 2024 08:00 in Karachi (UTC+5) is 03:00 UTC.
    const at = Date.parse('2024-12-16T03:00:00Z');
    expect(digestInstant(at + 3 * 86_400_000, MONDAY_8, 'Asia/Karachi')).toBe(at);
    expect(dueDigest(at - 1, MONDAY_8, 'Asia/Karachi')).toBeNull();
    expect(dueDigest(at, MONDAY_8, 'Asia/Karachi')).toEqual({ week: '2024-W50', scheduledAt: at });
    expect(dueDigest(Date.parse('2024-12-22T18:00:00Z'), MONDAY_8, 'Asia/Karachi')).toEqual({ week: '2024-W50', scheduledAt: at });
    // Sunday 22 Dec 23:30 Karachi is still week 51; Monday 00:30 Karachi (Sunday 19:30 UTC) is week 52, not yet due.
    expect(dueDigest(Date.parse('2024-12-22T19:30:00Z'), MONDAY_8, 'Asia/Karachi')).toBeNull();
    expect(nextDigestAt(at, MONDAY_8, 'Asia/Karachi')).toBe(Date.parse('2024-12-23T03:00:00Z'));
  });

  it('follows DIGEST_WEEKDAY and DIGEST_TIME, across a year boundary and in a zone with daylight saving', () => {
    const friday = { weekday: 5, hour: 17, minute: 30 };
    // Friday 3 Jan 2025 17:30 Karachi, in ISO week 2025-W01: the brief of 2024-W52.
    expect(dueDigest(Date.parse('2025-01-03T12:30:00Z'), friday, 'Asia/Karachi')).toEqual({
      week: '2024-W52',
      scheduledAt: Date.parse('2025-01-03T12:30:00Z'),
    });
    // Monday 31 Mar 2025 08:00 in Berlin is summer time (UTC+2): 06:00 UTC.
    expect(digestInstant(Date.parse('2025-04-01T12:00:00Z'), MONDAY_8, 'Europe/Berlin')).toBe(Date.parse('2025-03-31T06:00:00Z'));
  });
});

describe('subscription input', () => {
  it('defaults minSeverity for alerts only, and names the field of each error', () => {
    expect(subscriptionCreateSchema.parse({ kind: 'alerts' })).toMatchObject({
      minSeverity: 'warning',
      filter: { query: '' },
      enabled: true,
    });
    expect(subscriptionCreateSchema.parse({ kind: 'weekly', minSeverity: 'critical' }).minSeverity).toBeNull();
    const paths = (v: unknown) => [...new Set(subscriptionCreateSchema.safeParse(v).error?.issues.map((i) => i.path.join('.')))];
    expect(paths({ kind: 'weekly', filter: { query: 'region=mars' } })).toEqual(['filter.query']);
    expect(paths({ kind: 'weekly', filter: { viewId: -1 } })).toEqual(['filter.viewId']);
    expect(paths({ kind: 'weekly', filter: { query: '', viewId: 2 } })).toEqual(['filter']);
    expect(paths({ kind: 'weekly', email: 'a@b.example\r\nBcc: x@y.example' })).toEqual(['email']);
    expect(subscriptionPatchSchema.safeParse({}).success).toBe(false);
    expect(paths({ kind: 'weekly', email: 'analyst@ministère.example' })).toEqual(['email']);
    expect(severitiesFrom('warning')).toEqual(['warning', 'critical']);
  });
});
