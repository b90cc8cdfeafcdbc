import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { testRule } from '@/db/queries/rule-tester';
import { checkSites } from '@/server/alerts/alert-api';
import { authorize } from '@/server/auth/authorize';
import { previewRule } from '@/lib/alerts/preview';
import { rulePreviewSchema } from '@/lib/alerts/rule-schema';
import { parseOr400, readJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/**
 * What an unsaved rule would have fired over the last 90 days: the replay of
 * POST /api/alert-rules/{id}/test, for the body POST /api/alert-rules would take. Writes nothing.
 */
export const POST = route(async (req: Request) => {
  await authorize(req, 'analyst');
  const input = parseOr400(rulePreviewSchema, await readJson(req, 64 * 1024), 'alert rule');
  const db = getStore();
  await checkSites(db, input);
  return NextResponse.json(await testRule(db, previewRule(input)), { headers: { 'cache-control': 'no-store' } });
});
