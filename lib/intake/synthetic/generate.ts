/**
 * Seeded synthetic news reports for the demo's feed and the simulator: pure and deterministic
 * (same seed and clock, same reports), never fetched from anywhere. Each event yields a first
 * report and sometimes more: the same story from a second outlet, a rising toll, a claim or a
 * denial, and non-events about it (a funeral, a hearing, a meeting). Every item is labelled
 * synthetic: "[synthetic]" in the title, an outlet named "Synthetic … (demo)", a `synthetic:` GUID
 * and a link under /synthetic/ on 127.0.0.1.
 */
import { Rng } from '@/lib/demo/prng';
import { OUTLETS, SYNTHETIC_MARKER, type Outlet } from './catalog';
import { randomEvent } from './events';
import { INCIDENT_WRITERS } from './incident-stories';
import { claimStory, denialStory, nonEventStory, tollRises, type NonEventKind } from './other-stories';
import type { EventKind, StoryContext, StoryText, SynthEvent } from './story-types';
import { dayPhrase, localDate } from './words';

export type StoryRole = 'first' | 'second-outlet' | 'toll-rises' | 'claim' | 'denial' | NonEventKind;

export interface SyntheticReport {
  /** The feed GUID: `synthetic:<prefix>/<n>`, the report's identity across fetches. */
  itemKey: string;
  title: string;
  text: string;
  url: string;
  /** ISO instant. */
  publishedAt: string;
  sourceName: string;
  /** What the generator wrote, for tests and for reading the demo: never shown as extracted data. */
  truth: { eventId: number; kind: EventKind; role: StoryRole; isIncident: boolean; district: string; region: string };
}

export interface SyntheticOptions {
  seed: number;
  /** The report time zone: day names in the text are relative to publication in this zone. */
  timeZone: string;
  /** Links point under this base (default http://127.0.0.1/synthetic). */
  baseUrl?: string;
  /** GUID prefix, so the demo seed's and the simulator's items never share an identity. */
  keyPrefix?: string;
}

const DAILIES = OUTLETS.filter((o) => o.style === 'daily');
const WIRE = OUTLETS.find((o) => o.style === 'wire')!;
const ISPR = OUTLETS.find((o) => o.style === 'ispr')!;
/** Short, so the sentence every report shares adds little to two reports' text similarity. */
const NOTICE = 'Synthetic report generated for the Frontier Watch demo: invented events.';

/** The outlet of an event's first report: ISPR announces operations, the wire covers the borders. */
function firstOutlet(rng: Rng, kind: EventKind): Outlet {
  if (kind === 'operation') return ISPR;
  if (kind === 'airstrike' || kind === 'border-fire') return WIRE;
  return rng.chance(0.2) ? WIRE : rng.pick(DAILIES);
}

interface Planned {
  event: SynthEvent;
  eventId: number;
  role: StoryRole;
  outlet: Outlet;
  /** Deaths added before this story (a rising toll). */
  added: number;
}

/** The stories an event gets, first report first. The event's toll may grow on a `toll-rises`. */
function plan(rng: Rng, event: SynthEvent, eventId: number): Planned[] {
  const first = firstOutlet(rng, event.kind);
  const out: Planned[] = [{ event, eventId, role: 'first', outlet: first, added: 0 }];
  const next = (role: StoryRole, outlet: Outlet, added = 0) => out.push({ event, eventId, role, outlet, added });
  if (event.kind !== 'operation' && rng.chance(0.35)) next('second-outlet', rng.pick([...DAILIES, WIRE].filter((o) => o !== first)));
  if ((event.kind === 'suicide' || event.kind === 'ied') && event.injured >= 3 && rng.chance(0.3))
    next('toll-rises', rng.pick(DAILIES), rng.int(1, 2));
  if (event.group && event.kind !== 'operation') {
    if (!event.claimed && rng.chance(0.25)) next('claim', rng.pick(DAILIES));
    else if (!event.claimed && rng.chance(0.2)) next('denial', rng.pick(DAILIES));
  }
  if (event.place.country === 'PK' && rng.chance(0.2)) {
    // Courts try attackers, not operations; funerals with honours are for the security forces.
    const kinds: NonEventKind[] = [
      ...(event.killed.security > 0 ? ['funeral' as const] : []),
      ...(event.kind === 'operation' ? [] : ['court' as const]),
      'meeting',
    ];
    next(rng.pick(kinds), rng.pick(DAILIES));
  }
  return out;
}

function writeStory(c: StoryContext, p: Planned): StoryText {
  switch (p.role) {
    case 'first':
    case 'second-outlet':
      return INCIDENT_WRITERS[c.event.kind](c);
    case 'toll-rises':
      return tollRises(c, p.added);
    case 'claim':
      return claimStory(c);
    case 'denial':
      return denialStory(c);
    default:
      return nonEventStory(c, p.role);
  }
}

/** One report of a planned story, written as of its publication instant. */
function writeReport(rng: Rng, p: Planned, at: number, n: number, opts: SyntheticOptions): SyntheticReport {
  if (p.added) {
    // A rising toll: the injured who died join the dead of the role that suffered most.
    const role = p.event.killed.civilians > p.event.killed.security ? 'civilians' : 'security';
    p.event.killed = { ...p.event.killed, [role]: p.event.killed[role] + p.added };
    p.event.injured = Math.max(0, p.event.injured - p.added);
  }
  if (p.role === 'claim') p.event.claimed = true;
  const numerals = p.outlet.slug === 'tribune' || p.outlet.slug === 'geo';
  const c: StoryContext = {
    rng,
    event: p.event,
    outlet: p.outlet,
    day: dayPhrase(rng, p.event.date, localDate(at, opts.timeZone)),
    numerals,
    second: p.role === 'second-outlet',
  };
  const story = writeStory(c, p);
  const prefix = opts.keyPrefix ?? 'demo';
  const isIncident =
    p.role === 'first' || p.role === 'second-outlet' || p.role === 'toll-rises' || p.role === 'claim' || p.role === 'denial';
  return {
    itemKey: `synthetic:${prefix}/${n}`,
    title: `${story.title} ${SYNTHETIC_MARKER}`,
    text: [...story.paragraphs, NOTICE].join('\n\n'),
    url: `${opts.baseUrl ?? 'http://127.0.0.1/synthetic'}/${p.outlet.slug}/${prefix}-${n}`,
    publishedAt: new Date(at).toISOString(),
    sourceName: p.outlet.name,
    truth: {
      eventId: p.eventId,
      kind: p.event.kind,
      role: p.role,
      isIncident,
      district: p.event.place.district,
      region: p.event.place.region,
    },
  };
}

/**
 * `count` reports published between `from` and `to` (ms), oldest first: events spread over the
 * window, each story a few hours after the one before it. Deterministic in (seed, count, from, to).
 */
export function syntheticReports(opts: SyntheticOptions & { count: number; from: number; to: number }): SyntheticReport[] {
  const rng = new Rng(opts.seed);
  const span = Math.max(1, opts.to - opts.from);
  const stories: { p: Planned; at: number }[] = [];
  const events: SynthEvent[] = [];
  for (let id = 1; stories.length < opts.count; id++) {
    const at = opts.from + Math.floor(rng.float() * span * 0.9);
    const eventAt = at - rng.int(1, 14) * 3_600_000;
    const event = randomEvent(rng, localDate(eventAt, opts.timeZone), events);
    events.push(event);
    plan(rng, event, id).forEach((p, k) => stories.push({ p, at: Math.min(opts.to, at + k * rng.int(2, 9) * 3_600_000) }));
  }
  // Stories are written in plan order, so a claim and a rising toll see the event as it stands.
  const written = stories.slice(0, opts.count).map((s, i) => ({ at: s.at, r: writeReport(rng, s.p, s.at, i + 1, opts) }));
  return written.sort((a, b) => a.at - b.at).map((w) => w.r);
}

/**
 * An endless stream for the simulator: each call publishes one report at `at`, either a story
 * waiting from an earlier event (second outlet, toll, claim, non-event) or a new event.
 */
export function syntheticReportStream(opts: SyntheticOptions): (at: number) => SyntheticReport {
  const rng = new Rng(opts.seed);
  const waiting: Planned[] = [];
  const recent: SynthEvent[] = [];
  let n = 0;
  let events = 0;
  return (at) => {
    n++;
    if (waiting.length > 0 && rng.chance(0.4)) return writeReport(rng, waiting.shift()!, at, n, opts);
    const event = randomEvent(rng, localDate(at - rng.int(1, 6) * 3_600_000, opts.timeZone), recent);
    recent.push(event);
    if (recent.length > 50) recent.shift();
    const [first, ...later] = plan(rng, event, ++events);
    waiting.push(...later);
    return writeReport(rng, first, at, n, opts);
  };
}
