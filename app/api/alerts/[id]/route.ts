import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { getAlert } from '@/db/queries/alerts';
import { notFound } from '@/lib/errors';
import { parsePathId } from '@/lib/validation/path-id';
import { authorize } from '@/server/auth/authorize';
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** `GET /api/alerts/{id}` → the alert (the list's item shape) | 404. Mails sent before the alert page linked here. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  await authorize(req, 'viewer');
  const id = parsePathId((await ctx.params).id);
  const alert = await getAlert(getStore(), id);
  if (!alert) throw notFound(`Alert ${id} does not exist.`);
  return NextResponse.json(alert, { headers: { 'cache-control': 'no-store' } });
});
