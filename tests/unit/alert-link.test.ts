import { describe, expect, it } from 'vitest';
import { alertMapHref, alertPath, alertUrl } from '@/lib/alerts/alert-link';

describe('alert links', () => {
  it('names the alert page, absolute from PUBLIC_URL', () => {
    expect(alertPath(42)).toBe('/alerts/42');
    expect(alertUrl('https://watch.example.org', 42)).toBe('https://watch.example.org/alerts/42');
  });

  it('opens the dashboard on the filter the alert was about with its first incident selected', () => {
    const details = { filter: { from: '2026-12-01', to: '2026-12-03', group: 'ttp,bla', region: 'kp' }, killed: 9 };
    const q = new URLSearchParams(alertMapHref({ details, incidentIds: [17, 4] }).slice(2));
    expect(Object.fromEntries(q)).toEqual({ from: '2026-12-01', to: '2026-12-03', group: 'ttp,bla', region: 'kp', incident: '17' });
  });

  it('keeps only filter parameters and strings from the stored details', () => {
    const details = { filter: { from: '2026-12-01', view: '3', minKilled: 5, q: 'x', type: '' } };
    expect(alertMapHref({ details, incidentIds: [] })).toBe('/?from=2026-12-01');
    expect(alertMapHref({ details: {}, incidentIds: [] })).toBe('/');
    expect(alertMapHref({ details: { filter: null }, incidentIds: [5] })).toBe('/?incident=5');
  });
});
