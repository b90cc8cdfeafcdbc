// @engines sqlite postgres
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { POST } from '@/app/api/incidents/route';
import { builder, execute, rows } from '@/db/engine';
import { alerts, auditLog, events, incidents } from '@/db/schema';
import { createRule } from '@/db/services/alert-rule-store';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { postJson, useTempDb, type TempDb } from '../support/api-db';
import { incidentBody } from '../support/api-factory';

/*
 * Concurrent POSTs on either engine: SQLite's group commit (db/services/group-commit.ts) and
 * PostgreSQL's (db/services/incident-group-commit-pg.ts) write posts that arrive together in
 * shared transactions. Whatever the grouping, each post gets its own answer, outbox event and
 * audit row, a post that fails fails alone, and an alert fires once.
 */

let t: TempDb;
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const post = (body: Record<string, unknown>) => POST(postJson('/api/incidents', body, t.analyst));

async function stored(prefix: string) {
  return builder(t.store)
    .select({ id: incidents.id, sourceId: incidents.sourceId, killed: incidents.killed })
    .from(incidents)
    .where(like(incidents.sourceId, `${prefix}%`));
}

beforeAll(async () => {
  t = await useTempDb();
});
afterAll(() => t.cleanup());

describe('concurrent POSTs', () => {
  it('are each stored once with their own answer, outbox event and audit row; a window alert fires once', async () => {
    // Three incidents of KP within 24 h: every post below is in the same window.
    const threshold = { kind: 'threshold', scope: { region: ['kp'] }, params: { count: 3, windowHours: 24 } };
    const rule = await createRule(t.store, ruleCreateSchema.parse({ name: 'grp threshold', severity: 'warning', ...threshold }));
    const bodies = Array.from({ length: 10 }, (_, i) => incidentBody({ sourceId: `grp-a-${i}`, killed: i, occurredAt: hourAgo() }));
    const responses = await Promise.all(bodies.map(post));
    expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 201));
    const items = (await Promise.all(responses.map((r) => r.json()))) as { id: number; sourceId: string; killed: number }[];
    expect(items.map((i) => [i.sourceId, i.killed])).toEqual(bodies.map((b) => [b.sourceId, b.killed]));
    expect(responses.map((r) => r.headers.get('location'))).toEqual(items.map((i) => `/api/incidents/${i.id}`));
    const rowsNow = await stored('grp-a-');
    expect(rowsNow).toHaveLength(10);
    expect(new Set(rowsNow.map((r) => r.id))).toEqual(new Set(items.map((i) => i.id)));

    const ids = items.map((i) => i.id);
    const created = await builder(t.store)
      .select({ refId: events.refId })
      .from(events)
      .where(and(eq(events.type, 'incident'), eq(events.action, 'created'), inArray(events.refId, ids)));
    expect(created.map((e) => e.refId).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    const audited = await builder(t.store)
      .select({ entityId: auditLog.entityId, action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'incident'), inArray(auditLog.entityId, ids.map(String))));
    expect(audited.map((a) => a.action)).toEqual(ids.map(() => 'create'));
    expect(new Set(audited.map((a) => Number(a.entityId)))).toEqual(new Set(ids));

    expect(await builder(t.store).select().from(alerts).where(eq(alerts.ruleId, rule.id))).toHaveLength(1);

    if (t.engine === 'postgres') {
      // Posts that arrived while a write was in flight shared the next transaction.
      const [{ n }] = await rows<{ n: number }>(
        t.store,
        sql`SELECT count(DISTINCT xmin::text)::int AS n FROM incidents WHERE source_id LIKE 'grp-a-%'`,
      );
      expect(n).toBeLessThan(10);
    }
  });

  it('a post the database refuses fails alone; the others are stored', async () => {
    if (t.engine === 'postgres') {
      await execute(
        t.store,
        sql.raw(`CREATE FUNCTION grp_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.source_id = 'grp-b-bad' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$`),
      );
      await execute(t.store, sql.raw(`CREATE TRIGGER grp_refuse BEFORE INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION grp_refuse()`));
    } else {
      await execute(
        t.store,
        sql.raw(
          `CREATE TRIGGER grp_refuse BEFORE INSERT ON incidents WHEN NEW.source_id = 'grp-b-bad' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`,
        ),
      );
    }
    try {
      const bodies = Array.from({ length: 8 }, (_, i) =>
        incidentBody({ sourceId: i === 3 ? 'grp-b-bad' : `grp-b-${i}`, occurredAt: hourAgo() }),
      );
      const statuses = (await Promise.all(bodies.map(post))).map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(7);
      expect(statuses[3]).toBeGreaterThanOrEqual(500);
      expect((await stored('grp-b-')).map((r) => r.sourceId).sort()).toEqual(
        bodies
          .filter((_, i) => i !== 3)
          .map((b) => b.sourceId)
          .sort(),
      );
    } finally {
      await execute(t.store, sql.raw('DROP TRIGGER grp_refuse' + (t.engine === 'postgres' ? ' ON incidents' : '')));
    }
  });

  it('the same key posted twice at once is stored once: one 201, one 200 with the same row', async () => {
    const bodies = [
      incidentBody({ sourceId: 'grp-c-0', occurredAt: hourAgo() }),
      incidentBody({ sourceId: 'grp-c-dup', killed: 4, occurredAt: hourAgo() }),
      incidentBody({ sourceId: 'grp-c-1', occurredAt: hourAgo() }),
      incidentBody({ sourceId: 'grp-c-dup', killed: 4, occurredAt: hourAgo() }),
      incidentBody({ sourceId: 'grp-c-2', occurredAt: hourAgo() }),
    ];
    const responses = await Promise.all(bodies.map(post));
    const statuses = responses.map((r) => r.status);
    expect([statuses[1], statuses[3]].sort()).toEqual([200, 201]);
    expect([statuses[0], statuses[2], statuses[4]]).toEqual([201, 201, 201]);
    const [a, b] = (await Promise.all([responses[1].json(), responses[3].json()])) as { id: number }[];
    expect(a.id).toBe(b.id);
    expect((await stored('grp-c-')).map((r) => r.sourceId).sort()).toEqual(['grp-c-0', 'grp-c-1', 'grp-c-2', 'grp-c-dup']);
  });
});
