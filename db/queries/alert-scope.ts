import { sql, type SQL } from 'drizzle-orm';
import type { RuleScope } from '@/lib/alerts/rule-schema';
import { scopeTerms } from '@/lib/alerts/scope';

/**
 * A rule scope as SQL: the text and parameters SQLite's cached prepared statements take
 * (`where`, `params`, also the cache key of one evaluation's shared reads), and the same terms
 * as a Drizzle fragment (`sql`) with bound parameters, rendered per dialect on PostgreSQL.
 */
export interface ScopeSql {
  where: string;
  params: string[];
  sql: SQL;
}

const inList = (xs: readonly string[]): SQL =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

/** The scope's terms from the filter definition (lib/filters/definition.ts) as SQL; the filter property test checks the text. */
export function scopeSql(scope: RuleScope, opts: { withType?: boolean } = {}): ScopeSql {
  const { group, region, type } = scopeTerms(scope);
  const parts: string[] = [];
  const params: string[] = [];
  const frags: SQL[] = [];
  const list = (xs: readonly string[]) => xs.map(() => '?').join(',');
  if (group) {
    parts.push(`group_id IN (${list(group)})`);
    params.push(...group);
    frags.push(sql`group_id IN (${inList(group)})`);
  }
  if (region) {
    const named = region.ids.length ? `region IN (${list(region.ids)})` : '';
    parts.push(region.none ? (named ? `(${named} OR region IS NULL)` : 'region IS NULL') : named);
    params.push(...region.ids);
    const namedSql = region.ids.length ? sql`region IN (${inList(region.ids)})` : null;
    frags.push(region.none ? (namedSql ? sql`(${namedSql} OR region IS NULL)` : sql`region IS NULL`) : namedSql!);
  }
  if (type && opts.withType !== false) {
    parts.push(`(event_type IN (${list(type)}) OR sub_event_type IN (${list(type)}))`);
    params.push(...type, ...type);
    frags.push(sql`(event_type IN (${inList(type)}) OR sub_event_type IN (${inList(type)}))`);
  }
  return {
    where: parts.map((p) => ` AND ${p}`).join(''),
    params,
    sql: sql.join(
      frags.map((f) => sql` AND ${f}`),
      sql``,
    ),
  };
}
