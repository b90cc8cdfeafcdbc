import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { createSite, ensureSeedSites, listSites } from '@/db/services/sites';
import { authorize } from '@/server/auth/authorize';
import { siteCreateSchema } from '@/lib/alerts/api-schemas';
import { parseOr400, readJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Watched sites for proximity rules; seeded project locations carry `example: true`. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  const db = getStore();
  await ensureSeedSites(db);
  return NextResponse.json({ items: await listSites(db) }, { headers: { 'cache-control': 'no-store' } });
});

export const POST = route(async (req: Request) => {
  const principal = await authorize(req, 'admin');
  const input = parseOr400(siteCreateSchema, await readJson(req, 16 * 1024), 'site');
  return NextResponse.json(await createSite(getStore(), input, principal.id), { status: 201 });
});
