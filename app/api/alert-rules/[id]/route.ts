import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { checkSites } from '@/server/alerts/alert-api';
import { parsePathId } from '@/lib/validation/path-id';
import { deleteRule, getRuleRow, toRuleItem, updateRule } from '@/db/services/alert-rule-store';
import { authorize } from '@/server/auth/authorize';
import { rulePatchSchema } from '@/lib/alerts/rule-schema';
import { parseOr400, readJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

export const GET = route(async (req: Request, ctx: RouteContext<'/api/alert-rules/[id]'>) => {
  await authorize(req, 'viewer');
  const id = parsePathId((await ctx.params).id);
  return NextResponse.json(toRuleItem(await getRuleRow(getStore(), id)), { headers: { 'cache-control': 'no-store' } });
});

/** Partial update (enable/disable, silence with silencedUntil, params re-validated for the rule's kind). */
export const PATCH = route(async (req: Request, ctx: RouteContext<'/api/alert-rules/[id]'>) => {
  const principal = await authorize(req, 'analyst');
  const id = parsePathId((await ctx.params).id);
  const patch = parseOr400(rulePatchSchema, await readJson(req, 64 * 1024), 'alert rule change');
  const db = getStore();
  await checkSites(db, { kind: (await getRuleRow(db, id)).kind, params: patch.params });
  return NextResponse.json(await updateRule(db, id, patch, Date.now(), principal.id));
});

export const DELETE = route(async (req: Request, ctx: RouteContext<'/api/alert-rules/[id]'>) => {
  const principal = await authorize(req, 'analyst');
  await deleteRule(getStore(), parsePathId((await ctx.params).id), principal.id);
  return new Response(null, { status: 204 });
});
