import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { listSources } from '@/db/queries/sources';
import { createSource } from '@/db/services/sources';
import { authorize } from '@/server/auth/authorize';
import { sourceCreateSchema } from '@/lib/validation/source-input';
import { parseOr400, readJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** The feed sources with their polling state: `{ items }`. */
export const GET = route(async (req: Request) => {
  await authorize(req, 'viewer');
  return NextResponse.json({ items: await listSources(getStore()) }, { headers: { 'cache-control': 'no-store' } });
});

/** Adds a feed (admin only: the server will fetch whatever URL it names, private addresses included). */
export const POST = route(async (req: Request) => {
  const principal = await authorize(req, 'admin');
  const input = parseOr400(sourceCreateSchema, await readJson(req, 64 * 1024), 'source');
  const source = await createSource(getStore(), input, principal.id);
  return NextResponse.json(source, { status: 201, headers: { location: `/api/sources/${source.id}` } });
});
