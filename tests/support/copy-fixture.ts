import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { migrateDatabase } from '@/db/migrate';
import * as lite from '@/db/schema';
import { openStore, type Store } from '@/db/store';
import { seedDemoData } from '@/db/services/demo-seed';
import { createUser } from '@/db/services/users';
import { createApiToken, revokeApiToken } from '@/db/services/tokens';
import { createRule } from '@/db/services/alert-rule-store';
import { ensureSeedSites } from '@/db/services/sites';

/**
 * A SQLite installation with something in every table, for `npm run db:copy`'s tests: the demo
 * data set through the real seed, accounts and tokens through their services, and the rest as
 * rows that exercise what a copy can get wrong: NULLs, booleans both ways, bytes, JSON text,
 * tabs, newlines, backslashes and non-ASCII text, epoch-ms instants and ids with gaps.
 */
export const AWKWARD = 'Tab\there, line\nbreak\r\n, back\\slash \\N, "quotes", پشاور، Душанбе, émigré';
export const NOW = Date.UTC(2026, 10, 20, 9, 30);

export async function buildCopySource(): Promise<{ dir: string; path: string; store: Store; db: Db }> {
  const dir = mkdtempSync(join(tmpdir(), 'fw-copy-'));
  const path = join(dir, 'source.db');
  const store = openStore(path);
  await migrateDatabase(store, { reportTimeZone: 'Asia/Karachi' });
  const db = store as Db;
  await seedDemoData(store, { now: NOW });
  const { user } = await createUser(store, { email: 'analyst@example.org', name: AWKWARD, role: 'analyst' }, 'cli', NOW);
  await createUser(store, { email: 'viewer@example.org', name: 'Viewer', role: 'viewer' }, 'cli', NOW);
  await createApiToken(store, { name: 'feed', role: 'analyst' });
  const revoked = await createApiToken(store, { name: 'old', role: 'viewer' });
  await revokeApiToken(store, revoked.id);
  const rule = await createRule(
    store,
    {
      name: 'Mass casualty',
      kind: 'threshold',
      severity: 'critical',
      scope: {},
      params: { killed: 10, windowHours: 24 },
      enabled: false,
      webhookUrl: 'http://127.0.0.1:9/hook',
    },
    NOW,
  );
  await ensureSeedSites(store, NOW);

  const [first, second] = db.select({ id: lite.incidents.id }).from(lite.incidents).orderBy(lite.incidents.id).limit(2).all();
  db.insert(lite.sessions)
    .values({
      tokenHash: 'h1',
      userId: user.id,
      createdAt: NOW,
      lastSeenAt: NOW,
      expiresAt: NOW + 1,
      absoluteExpiresAt: NOW + 2,
      ip: '127.0.0.1',
    })
    .run();
  const alert = db
    .insert(lite.alerts)
    .values({ id: 40, ruleId: rule.id, dedupeKey: 'k1', severity: 'critical', firedAt: NOW, summary: AWKWARD, details: '{"ids":[1,2]}' })
    .returning()
    .get();
  db.insert(lite.alertIncidents)
    .values([
      { alertId: alert.id, incidentId: first.id },
      { alertId: alert.id, incidentId: second.id },
    ])
    .run();
  db.insert(lite.webhookDeliveries)
    .values({
      alertId: alert.id,
      ruleId: rule.id,
      url: 'http://127.0.0.1:9/hook',
      payload: '{"a":"\\t"}',
      nextAttemptAt: NOW,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .run();
  // A subscription whose address has not confirmed (NULLs, booleans) and its delivery log.
  const subscription = db
    .insert(lite.subscriptions)
    .values({
      userId: user.id,
      kind: 'alerts',
      filter: '{"query":"group=ttp&region=kp"}',
      minSeverity: 'critical',
      email: 'desk@ministry.example',
      enabled: false,
      confirmTokenHash: 'c0ffee',
      alertCursor: alert.id,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning()
    .get();
  db.insert(lite.mailDeliveries)
    .values([
      {
        subscriptionId: subscription.id,
        kind: 'weekly',
        week: '2026-W46',
        ledgerWeek: '2026-W46',
        status: 'sent',
        attempts: 1,
        nextAttemptAt: NOW,
        messageId: '<a@b>',
        createdAt: NOW,
        sentAt: NOW,
      },
      {
        subscriptionId: subscription.id,
        kind: 'alerts',
        status: 'failed',
        attempts: 6,
        nextAttemptAt: NOW,
        lastError: AWKWARD,
        payload: '{"alertIds":[40]}',
        createdAt: NOW,
      },
    ])
    .run();
  // changed_ids holds float64 little-endian bytes; a zero byte and 0xff check the bytea encoding.
  db.insert(lite.importBatches)
    .values({
      id: 7,
      fileName: 'acled.csv',
      format: 'acled',
      checksum: 'c',
      rows: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
      createdAt: NOW,
      changedIds: Buffer.from([0, 1, 0x5c, 0xff, 9, 10]),
    })
    .run();
  const source = db
    .insert(lite.sources)
    .values({
      name: 'Dawn',
      url: 'http://127.0.0.1:9/feed',
      keywords: '["attack"]',
      enabled: false,
      synthetic: true,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning()
    .get();
  const report = db
    .insert(lite.reports)
    .values({
      id: 1000,
      sourceId: source.id,
      title: AWKWARD,
      text: 'Blast in Bannu',
      fetchedAt: NOW,
      createdAt: NOW,
      isIncident: true,
      draft: '{}',
      incidentId: first.id,
    })
    .returning()
    .get();
  db.insert(lite.reports)
    .values({ sourceId: null, text: 'duplicate', fetchedAt: NOW, createdAt: NOW, isIncident: false, draft: '{}', duplicateOf: report.id })
    .run();
  db.insert(lite.incidentSources).values({ incidentId: first.id, reportId: report.id, outlet: 'Dawn', killed: 3, createdAt: NOW }).run();
  db.insert(lite.incidentClaims)
    .values({ incidentId: first.id, groupId: 'ttp', kind: 'claim', by: AWKWARD, at: NOW, reportId: report.id })
    .run();
  db.insert(lite.meta).values({ key: 'copy-test', value: AWKWARD }).run();
  const view = db
    .insert(lite.savedViews)
    .values({
      owner: 'user:1',
      name: AWKWARD.slice(0, 80),
      query: 'group=ttp&mode=heat',
      lat: 33.5,
      lon: 70.25,
      zoom: 8,
      shared: true,
      createdAt: NOW,
    })
    .returning()
    .get();
  db.insert(lite.startViews).values({ owner: 'user:1', viewId: view.id }).run();
  // An incident ACLED deleted (archived whole, restorable), the revision it left on its week, and
  // a cross-dataset match proposal with a real-number score and a NULL decision.
  db.insert(lite.incidentsDeleted)
    .values({
      incidentId: 999,
      source: 'acled',
      sourceId: 'PAK999',
      occurredAt: NOW,
      row: JSON.stringify({ notes: AWKWARD }),
      reason: 'deleted by ACLED',
      deletedAt: NOW,
      archivedAt: NOW,
      archivedBy: 'source:1',
    })
    .run();
  db.insert(lite.incidentRevisions)
    .values({ incidentId: 999, sourceId: source.id, kind: 'deleted', occurredAt: NOW, revisedAt: NOW })
    .run();
  db.insert(lite.incidentMatches)
    .values({
      incidentA: first.id,
      incidentB: second.id,
      datasetA: 'acled',
      datasetB: 'ucdp',
      bKey: 'ucdp:600001',
      score: 0.8125,
      dayGap: 1,
      distanceKm: 12.75,
      typeCompatibility: 'same-event',
      actorSimilarity: 0.5,
      createdAt: NOW,
    })
    .run();
  db.run(sql`UPDATE incidents SET notes = ${AWKWARD}, import_batch_id = 7 WHERE id = ${second.id}`);
  return { dir, path, store, db };
}
