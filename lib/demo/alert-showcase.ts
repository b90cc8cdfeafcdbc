import { requirePlace } from '@/lib/geo/gazetteer';
import { SYNTHETIC_NOTE, type DemoIncident } from './incident';

const HOUR_MS = 3_600_000;
const SLOT_MS = 12 * HOUR_MS;

/**
 * A few recent demo incidents written so that the starter rules (lib/demo/starter-rules.ts) fire
 * on a fresh demo: the alert horizon (72 h by default) drops older incidents, and the random
 * trickle alone may hold nothing that crosses a threshold. All are at most 42 h old.
 *
 * Keyed by the 12-hour slot of `now` and prefixed like the live trickle (`demo-live-`), so
 * seeding twice in one slot changes nothing, and a later seed adds the next slot's set.
 */
export function alertShowcase(now: number): DemoIncident[] {
  const slot = Math.floor(now / SLOT_MS);
  const base = slot * SLOT_MS;
  const id = (k: string) => `demo-live-alert-${slot}-${k}`;
  const bannu = requirePlace('Bannu');
  const landiKotal = requirePlace('Landi Kotal');
  const peshawar = requirePlace('Peshawar');
  const common = {
    source: 'demo' as const,
    timePrecision: 1 as const,
    geoPrecision: 1 as const,
    country: 'PK',
    claimStatus: 'unclaimed' as const,
    sources: ['Dawn (synthetic reference)'],
    sourceScale: 'National',
    verification: 'reported' as const,
  };
  const rows: DemoIncident[] = [
    {
      // Mass casualty (≥ 10 killed).
      ...common,
      sourceId: id('mass'),
      occurredAt: new Date(base - 30 * HOUR_MS).toISOString(),
      admin1: bannu.admin1,
      admin2: bannu.admin2,
      location: bannu.name,
      lat: bannu.lat + 0.01,
      lon: bannu.lon + 0.01,
      eventType: 'Explosions/Remote violence',
      subEventType: 'Suicide bomb',
      group: 'TTP: Tehrik-i-Taliban Pakistan',
      actor2: 'Police Forces of Pakistan (2018-)',
      target: 'security-forces',
      killed: 12,
      injured: 21,
      killedBy: { security: 9, civilians: 3, militants: 0 },
      notes: `${SYNTHETIC_NOTE} Suicide bombing at a police post near Bannu; 12 killed, 21 injured.`,
    },
    {
      // Cross-border, and within 25 km of the Torkham crossing (Landi Kotal is about 5 km away).
      ...common,
      sourceId: id('border'),
      occurredAt: new Date(base - 20 * HOUR_MS).toISOString(),
      admin1: landiKotal.admin1,
      admin2: landiKotal.admin2,
      location: landiKotal.name,
      lat: landiKotal.lat,
      lon: landiKotal.lon,
      eventType: 'Battles',
      subEventType: 'Armed clash',
      group: 'TTP: Tehrik-i-Taliban Pakistan',
      actor2: 'Military Forces of Pakistan (2018-)',
      target: 'security-forces',
      killed: 3,
      injured: 4,
      killedBy: { security: 1, civilians: 0, militants: 2 },
      crossBorder: true,
      notes: `${SYNTHETIC_NOTE} Militants crossing from Afghanistan clashed with troops near Landi Kotal; 3 killed, 4 injured.`,
    },
    {
      // A group seldom seen in KP: the new-actor rule fires unless it was active there lately.
      ...common,
      sourceId: id('actor'),
      occurredAt: new Date(base - 8 * HOUR_MS).toISOString(),
      admin1: peshawar.admin1,
      admin2: peshawar.admin2,
      location: peshawar.name,
      lat: peshawar.lat,
      lon: peshawar.lon,
      eventType: 'Explosions/Remote violence',
      subEventType: 'Remote explosive/landmine/IED',
      group: 'ETIM: Eastern Turkestan Islamic Movement',
      target: 'civilians',
      killed: 1,
      injured: 5,
      killedBy: { security: 0, civilians: 1, militants: 0 },
      notes: `${SYNTHETIC_NOTE} Roadside bomb on a vehicle near Peshawar; 1 killed, 5 injured.`,
    },
  ];
  return rows.filter((r) => Date.parse(r.occurredAt) <= now);
}
