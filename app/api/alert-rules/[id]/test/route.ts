import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { parsePathId } from '@/lib/validation/path-id';
import { getRuleRow, rowToRule } from '@/db/services/alert-rule-store';
import { testRule } from '@/db/queries/rule-tester';
import { authorize } from '@/server/auth/authorize';
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Replays the rule over the last 90 days of stored incidents without writing anything. */
export const POST = route(async (req: Request, ctx: RouteContext<'/api/alert-rules/[id]/test'>) => {
  await authorize(req, 'viewer');
  const db = getStore();
  const rule = rowToRule(await getRuleRow(db, parsePathId((await ctx.params).id)));
  return NextResponse.json(testRule(db, rule), { headers: { 'cache-control': 'no-store' } });
});
