import { describe, expect, it } from 'vitest';
import { subscribeHref } from '@/lib/subscriptions/subscribe-link';

describe('subscribeHref', () => {
  it('keeps the dashboard filter and drops the view, the selection and the map display', () => {
    expect(subscribeHref('?view=3&group=ttp,bla&incident=9&region=kp&mode=heat&weight=killed&zoom=7&from=2026-01-01&q=bannu')).toBe(
      '/subscriptions?group=ttp%2Cbla&region=kp&from=2026-01-01&q=bannu',
    );
  });
  it('takes every filter parameter (and nothing from the viewport)', () => {
    const all =
      'from=2026-01-01&to=2026-02-01&group=ttp&region=none&type=Battles&minKilled=5&minSources=2&claimStatus=claimed&source=acled';
    expect(subscribeHref(new URLSearchParams(`${all}&bbox=60,20,80,40`))).toBe(`/subscriptions?${new URLSearchParams(all)}`);
  });
  it('opens the empty form without a filter', () => {
    expect(subscribeHref('')).toBe('/subscriptions');
    expect(subscribeHref('?mode=hex&group=')).toBe('/subscriptions');
  });
});
