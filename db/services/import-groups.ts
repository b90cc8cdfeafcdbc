/**
 * The groups an import validates against, on either engine. SQLite keeps ingest's matcher cached
 * per connection; PostgreSQL reads the table each time (a few hundred rows, once per file), since
 * other instances may add groups at any time.
 */
import type { Store } from '@/db/connection';
import { builder, engineOf } from '@/db/engine';
import { groups } from '@/db/schema';
import { GroupMatcher, type GroupDef } from '@/lib/taxonomy/groups';
import { loadGroupDefs, loadGroupMatcher } from './ingest';

export async function importGroupDefs(store: Store): Promise<GroupDef[]> {
  if (engineOf(store) === 'sqlite') return loadGroupDefs(store);
  const found = await builder(store).select().from(groups);
  return found.map((g): GroupDef => ({ ...g, aliases: JSON.parse(g.aliases) as string[] }));
}

export async function importGroupMatcher(store: Store): Promise<GroupMatcher> {
  if (engineOf(store) === 'sqlite') return loadGroupMatcher(store);
  return new GroupMatcher(await importGroupDefs(store));
}
