import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { checkSites } from '@/server/alerts/alert-api';
import { createRule, listRules } from '@/db/services/alert-rule-store';
import { ensureSeedSites } from '@/db/services/sites';
import { authorize } from '@/server/auth/authorize';
import { ruleCreateSchema } from '@/lib/alerts/rule-schema';
import { parseOr400, readJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** All alert rules, newest first: `{ items }`. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  return NextResponse.json({ items: await listRules(getStore()) }, { headers: { 'cache-control': 'no-store' } });
});

/** Creates a rule (201). With a webhookUrl, the response carries the signing secret once. */
export const POST = route(async (req: Request) => {
  const principal = await authorize(req, 'analyst');
  const input = parseOr400(ruleCreateSchema, await readJson(req, 64 * 1024), 'alert rule');
  const db = getStore();
  await ensureSeedSites(db);
  await checkSites(db, input);
  const rule = await createRule(db, input, Date.now(), principal.id);
  return NextResponse.json(rule, { status: 201, headers: { location: `/api/alert-rules/${rule.id}` } });
});
