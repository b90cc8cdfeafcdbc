/** ACLED event taxonomy: event type → sub-event types. */
export const EVENT_TAXONOMY = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const satisfies Record<string, readonly string[]>;

export type EventType = keyof typeof EVENT_TAXONOMY;
export const EVENT_TYPES = Object.keys(EVENT_TAXONOMY) as EventType[];
export const SUB_EVENT_TYPES: string[] = Object.values(EVENT_TAXONOMY).flat();

const foldKey = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const EVENT_BY_KEY = new Map(EVENT_TYPES.map((t) => [foldKey(t), t]));
const SUB_BY_KEY = new Map<string, { eventType: EventType; subEventType: string }>();
for (const [eventType, subs] of Object.entries(EVENT_TAXONOMY)) {
  for (const s of subs) SUB_BY_KEY.set(foldKey(s), { eventType: eventType as EventType, subEventType: s });
}

// Canonical spellings as given: most values are, and they need no folding (imports ask per row).
const EVENT_EXACT = new Map<string, EventType>(EVENT_TYPES.map((t) => [t, t]));
const SUB_EXACT = new Map([...SUB_BY_KEY.values()].map((v) => [v.subEventType, v]));

/** Canonical spelling of an event type, or null. */
export function canonicalEventType(s: string): EventType | null {
  return EVENT_EXACT.get(s) ?? EVENT_BY_KEY.get(foldKey(s)) ?? null;
}

/** Canonical sub-event type with its parent, or null. */
export function canonicalSubEventType(s: string): { eventType: EventType; subEventType: string } | null {
  return SUB_EXACT.get(s) ?? SUB_BY_KEY.get(foldKey(s)) ?? null;
}
