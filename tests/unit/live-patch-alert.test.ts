import { describe, expect, it } from 'vitest';
import type { AlertItem } from '@/db/queries/alerts';
import { applyAlert, previousStatus, type AlertPageData } from '@/lib/live/patch-alert';

const alert = (id: number, status: AlertItem['status'] = 'firing'): AlertItem => ({
  id,
  ruleId: 1,
  ruleName: `Rule ${id}`,
  severity: 'critical',
  status,
  firedAt: new Date(Date.UTC(2025, 0, id)).toISOString(),
  incidentIds: [9, 3],
  summary: `Alert ${id}`,
  details: {},
});
const page = (
  items: AlertItem[],
  counts = { firing: 0, acknowledged: 0, resolved: 0 },
  nextCursor: string | null = null,
): AlertPageData => ({ items, counts, nextCursor });

describe('applyAlert', () => {
  it('puts a new firing alert on top, counts it and keeps the page size', () => {
    const p = applyAlert(page([alert(3), alert(2)], { firing: 2, acknowledged: 0, resolved: 0 }, null), alert(4), '', undefined, 2);
    expect(p.items.map((a) => a.id)).toEqual([4, 3]);
    expect(p.items[0].incidentIds).toEqual([3, 9]);
    expect(p.counts).toEqual({ firing: 3, acknowledged: 0, resolved: 0 });
    expect(p.nextCursor).toBe('3');
  });

  it('moves an acknowledged alert between counts and out of a "firing" page', () => {
    const before = page([alert(5), alert(4)], { firing: 2, acknowledged: 1, resolved: 0 });
    const acked = alert(5, 'acknowledged');
    expect(applyAlert(before, acked, 'firing', 'firing', 50)).toEqual(page([alert(4)], { firing: 1, acknowledged: 2, resolved: 0 }));
    expect(applyAlert(before, acked, '', 'firing', 50).items[0].status).toBe('acknowledged');
  });

  it('leaves an alert that belongs on a later page off a full page', () => {
    const p = applyAlert(
      page([alert(9), alert(8)], { firing: 0, acknowledged: 2, resolved: 0 }, '8'),
      alert(2, 'resolved'),
      '',
      'acknowledged',
      2,
    );
    expect(p.items.map((a) => a.id)).toEqual([9, 8]);
    expect(p.counts).toEqual({ firing: 0, acknowledged: 1, resolved: 1 });
  });
});

describe('previousStatus', () => {
  const pages = [page([alert(7, 'acknowledged'), alert(6)])];
  it('reads a known alert, treats a newer firing one as new and gives up on unseen history', () => {
    expect(previousStatus(pages, alert(7, 'resolved'))).toBe('acknowledged');
    expect(previousStatus(pages, alert(8))).toBeUndefined();
    expect(previousStatus(pages, alert(2, 'resolved'))).toBeNull();
  });
});
