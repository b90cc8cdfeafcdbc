import { randomBytes, randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { sqlOf, type Db } from '@/db/connection';
import type { Store } from '@/db/store';
import { builder, engineOf, execute, rows, transact } from '@/db/engine';
import type { SqlDb } from './alert-db';
import { alertStatement } from '@/db/queries/alert-queries';
import { alertRules, meta, type alertRules as AlertRulesTable } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { PARAMS_BY_KIND, ruleDefinitionSchema, ruleScopeSchema, type RuleCreateInput, type RulePatchInput } from '@/lib/alerts/rule-schema';
import type { Rule } from '@/lib/alerts/types';
import { toIssues } from '@/lib/validation/zod-issues';
import { toWhsec, whsecFromKey } from '@/lib/alerts/webhook-secret';
import { audit } from './audit';

type RuleRow = typeof AlertRulesTable.$inferSelect;

/** The public JSON shape of a rule (the webhook secret is shown only once, on create). */
export interface RuleItem {
  id: number;
  name: string;
  kind: Rule['kind'];
  severity: Rule['severity'];
  scope: Rule['scope'];
  params: Record<string, unknown>;
  webhookUrl?: string;
  hasWebhookSecret: boolean;
  enabled: boolean;
  silencedUntil?: string;
  /** A starter rule seeded with the demo (the column survives edits; only seeding sets it). */
  example: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The `meta` key of the rules' version token (read with a POST's insert on PostgreSQL: incident-insert-pg.ts). */
export const RULES_VERSION_KEY = 'alert_rules_version';

/** Rules and sites changed: evaluators reload their cache (in this and other processes and instances). */
export async function bumpRulesVersion(tx: Store): Promise<void> {
  const value = randomUUID();
  await builder(tx).insert(meta).values({ key: RULES_VERSION_KEY, value }).onConflictDoUpdate({ target: meta.key, set: { value } });
}

/** Read on every ingest: on SQLite through a cached prepared statement. */
export async function rulesVersion(store: Store): Promise<string> {
  if (engineOf(store) === 'sqlite') return rulesVersionSync(sqlOf(store));
  // Raw, so that a batching view (db/pg/read-batch.ts) sends it with the evaluation's first reads.
  const [row] = await rows<{ value: string }>(store, sql`SELECT value FROM meta WHERE key = ${RULES_VERSION_KEY}`);
  return row?.value ?? '';
}

/**
 * bumpRulesVersion and rulesVersion for the rule cache, which still runs synchronously inside
 * better-sqlite3 transactions (SQLite only; they go once it is async).
 */
export function bumpRulesVersionSync(db: SqlDb): void {
  const value = randomUUID();
  db.insert(meta).values({ key: RULES_VERSION_KEY, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}

export function rulesVersionSync(db: Db): string {
  const row = alertStatement(db, 'SELECT value FROM meta WHERE key = ?').get(RULES_VERSION_KEY) as { value: string } | undefined;
  return row?.value ?? '';
}

export function rowToRule(row: RuleRow): Rule {
  const def = ruleDefinitionSchema.parse({ kind: row.kind, params: JSON.parse(row.params) as unknown });
  return {
    ...def,
    id: row.id,
    name: row.name,
    severity: row.severity,
    scope: ruleScopeSchema.parse(JSON.parse(row.scope)),
    webhookUrl: row.webhookUrl,
    enabled: row.enabled,
    silencedUntil: row.silencedUntil,
  };
}

export function toRuleItem(row: RuleRow): RuleItem {
  const r = rowToRule(row);
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    severity: r.severity,
    scope: r.scope,
    params: r.params,
    ...(r.webhookUrl ? { webhookUrl: r.webhookUrl } : {}),
    hasWebhookSecret: Boolean(row.webhookSecret),
    enabled: r.enabled,
    ...(r.silencedUntil ? { silencedUntil: new Date(r.silencedUntil).toISOString() } : {}),
    example: row.example,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

export async function listRules(store: Store): Promise<RuleItem[]> {
  return (await builder(store).select().from(alertRules).orderBy(desc(alertRules.id))).map(toRuleItem);
}

/** The rule's row; 404 when there is none. */
export async function getRuleRow(store: Store, id: number): Promise<RuleRow> {
  const [row] = await builder(store).select().from(alertRules).where(eq(alertRules.id, id));
  if (!row) throw new AppError('not_found', `No alert rule ${id}.`);
  return row;
}

const newSecret = () => whsecFromKey(randomBytes(32));

/** Creates a rule; when it has a webhook, returns the signing secret once, as `whsec_<base64>`. */
export function createRule(
  store: Store,
  input: RuleCreateInput & { example?: boolean },
  now = Date.now(),
  actor = 'system',
): Promise<RuleItem & { webhookSecret?: string }> {
  const secret = input.webhookUrl ? (input.webhookSecret ?? newSecret()) : null;
  return transact(store, async (tx) => {
    const [row] = await builder(tx)
      .insert(alertRules)
      .values({
        name: input.name,
        kind: input.kind,
        severity: input.severity,
        scope: JSON.stringify(input.scope),
        params: JSON.stringify(input.params),
        webhookUrl: input.webhookUrl ?? null,
        webhookSecret: secret,
        enabled: input.enabled,
        silencedUntil: input.silencedUntil ? Date.parse(input.silencedUntil) : null,
        example: input.example ?? false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await bumpRulesVersion(tx);
    const item = toRuleItem(row);
    await audit(tx, { actor, action: 'create', entity: 'rule', entityId: row.id, after: item, at: now });
    return { ...item, ...(secret ? { webhookSecret: toWhsec(secret) } : {}) };
  });
}

/**
 * Patches a rule. The row is read with FOR UPDATE on PostgreSQL, so two concurrent patches of one
 * rule apply one after the other (each audit row's `before` is what the other left), as on SQLite.
 */
export async function updateRule(
  store: Store,
  id: number,
  patch: RulePatchInput,
  now = Date.now(),
  actor = 'system',
): Promise<RuleItem & { webhookSecret?: string }> {
  return transact(store, async (tx) => {
    // PostgreSQL: lock the row first (SQLite's transaction already holds the write lock).
    if (engineOf(tx) === 'postgres') await execute(tx, sql`SELECT id FROM alert_rules WHERE id = ${id} FOR UPDATE`);
    const row = await getRuleRow(tx, id);
    let params: string | undefined;
    if (patch.params) {
      const parsed = PARAMS_BY_KIND[row.kind].safeParse(patch.params);
      if (!parsed.success) {
        const issues = toIssues(parsed.error).map((i) => ({ ...i, path: `params${i.path ? `.${i.path}` : ''}` }));
        throw new AppError('bad_request', `Invalid params for a ${row.kind} rule.`, issues);
      }
      params = JSON.stringify(parsed.data);
    }
    const url = patch.webhookUrl === undefined ? row.webhookUrl : patch.webhookUrl;
    const freshSecret = url && !row.webhookSecret && !patch.webhookSecret ? newSecret() : undefined;
    const secret = url ? (patch.webhookSecret ?? freshSecret ?? row.webhookSecret) : null;
    const [updated] = await builder(tx)
      .update(alertRules)
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.severity !== undefined ? { severity: patch.severity } : {}),
        ...(patch.scope !== undefined ? { scope: JSON.stringify(patch.scope) } : {}),
        ...(params !== undefined ? { params } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(patch.silencedUntil !== undefined ? { silencedUntil: patch.silencedUntil ? Date.parse(patch.silencedUntil) : null } : {}),
        webhookUrl: url,
        webhookSecret: secret,
        updatedAt: now,
      })
      .where(eq(alertRules.id, id))
      .returning();
    await bumpRulesVersion(tx);
    const shown = patch.webhookSecret ?? freshSecret;
    const item = toRuleItem(updated);
    await audit(tx, { actor, action: 'update', entity: 'rule', entityId: id, before: toRuleItem(row), after: item, at: now });
    return { ...item, ...(shown ? { webhookSecret: toWhsec(shown) } : {}) };
  });
}

/** Deletes a rule; 404 when there is none (of two concurrent deletes, the second). */
export async function deleteRule(store: Store, id: number, actor = 'system', now = Date.now()): Promise<void> {
  await transact(store, async (tx) => {
    // DELETE … RETURNING: the row as it was, and only for the caller whose delete took it.
    const [before] = await builder(tx).delete(alertRules).where(eq(alertRules.id, id)).returning();
    if (!before) throw new AppError('not_found', `No alert rule ${id}.`);
    await bumpRulesVersion(tx);
    await audit(tx, { actor, action: 'delete', entity: 'rule', entityId: id, before: toRuleItem(before), at: now });
  });
}
