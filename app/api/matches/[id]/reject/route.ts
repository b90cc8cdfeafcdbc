import { NextResponse } from 'next/server';
import { getStore } from '@/db/client';
import { rejectMatch } from '@/db/services/dataset-merge';
import { authorize } from '@/server/auth/authorize';
import { parsePathId } from '@/lib/validation/path-id';
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Marks the two incidents as different events (analyst): → `{ match }`; 409 when the match is not in a state that allows it. */
export const POST = route(async (req: Request, ctx: RouteContext<'/api/matches/[id]/reject'>) => {
  const principal = await authorize(req, 'analyst');
  const id = parsePathId((await ctx.params).id);
  return NextResponse.json({ match: await rejectMatch(getStore(), id, { actor: principal.id }) });
});
