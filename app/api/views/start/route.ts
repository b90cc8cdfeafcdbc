import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { setStartView } from '@/db/services/saved-views';
import { authorize } from '@/server/auth/authorize';
import { startViewSchema } from '@/lib/views/schema';
import { parseOr400, readJson, route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** `{ id }` makes a view the caller's start page (what `/` opens without a query); `{ id: null }` clears it. */
export const PUT = route(async (req: Request) => {
  const principal = await authorize(req, 'viewer');
  const { id } = parseOr400(startViewSchema, await readJson(req, 1024), 'start view');
  return NextResponse.json({ start: await setStartView(getStore(), principal.id, id) });
});
