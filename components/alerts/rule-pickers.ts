import type { Option } from '@/components/ui/multi-select';
import type { Site } from '@/lib/alerts/types';
import { EVENT_TAXONOMY } from '@/lib/taxonomy/event-types';
import { KNOWN_GROUPS, colourFor } from '@/lib/taxonomy/groups';
import { REGIONS } from '@/lib/taxonomy/regions';

/**
 * Options for the rule form's pickers: names and map colours instead of ids. Ids a stored rule
 * already names but the list lacks (a group first seen in imported data) stay selectable.
 */
export function groupOptions(selected: readonly string[]): Option[] {
  const known = KNOWN_GROUPS.map((g) => ({
    value: g.id,
    label: g.abbreviation && g.abbreviation !== g.name ? `${g.abbreviation} · ${g.name}` : g.name,
    colour: g.colour,
  }));
  const ids = new Set(known.map((o) => o.value));
  return [...known, ...selected.filter((id) => !ids.has(id)).map((id) => ({ value: id, label: id, colour: colourFor(id) }))];
}

export const REGION_OPTIONS: Option[] = REGIONS.map((r) => ({ value: r.id, label: r.name }));

/** Event types, then each one's sub-event types ("Explosions/Remote violence › Suicide bomb"). */
export const TYPE_OPTIONS: Option[] = Object.entries(EVENT_TAXONOMY).flatMap(([type, subs]) => [
  { value: type, label: type },
  ...subs.map((s) => ({ value: s, label: `${type} › ${s}` })),
]);

export function siteOptions(sites: readonly Site[]): Option[] {
  return sites.map((s) => ({ value: String(s.id), label: s.example ? `${s.name} (example)` : s.name }));
}
