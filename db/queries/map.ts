import type { Store } from '@/db/store';
import { builder } from '@/db/engine';
import { groups } from '@/db/schema';

/** Colour of every group (small table). */
export async function groupColours(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const g of await builder(store).select({ id: groups.id, colour: groups.colour }).from(groups)) out[g.id] = g.colour;
  return out;
}
