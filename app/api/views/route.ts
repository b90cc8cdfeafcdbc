import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { createView, listViews } from '@/db/services/saved-views';
import { authorize } from '@/server/auth/authorize';
import { viewCreateSchema } from '@/lib/views/schema';
import { parseOr400, readJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Saved dashboard views: the caller's own and the shared ones (every role). */
export const GET = route(async (req: Request) => {
  const principal = await authorize(req, 'viewer');
  return NextResponse.json({ items: await listViews(getStore(), principal.id) }, { headers: { 'cache-control': 'no-store' } });
});

/** Saves the current view for the caller; only admins may set `shared`. */
export const POST = route(async (req: Request) => {
  const principal = await authorize(req, 'viewer');
  const input = parseOr400(viewCreateSchema, await readJson(req, 8 * 1024), 'view');
  const view = await createView(getStore(), input, { id: principal.id, admin: principal.role === 'admin' });
  return NextResponse.json(view, { status: 201 });
});
