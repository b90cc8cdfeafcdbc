import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { listAlerts } from '@/db/services/alerts';
import { authorize } from '@/server/auth/authorize';
import { alertListQuery } from '@/lib/alerts/api-schemas';
import { parseOr400, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** `GET /api/alerts?status=&limit=&cursor=` → `{ items, nextCursor, counts }`, newest first. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const q = parseOr400(alertListQuery, Object.fromEntries(new URL(req.url).searchParams), 'alert query');
  return NextResponse.json(await listAlerts(getStore(), q), { headers: { 'cache-control': 'no-store' } });
});
