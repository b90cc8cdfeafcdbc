import { getDb } from '@/db/client';
import { pathId } from '@/server/alerts/alert-api';
import { deleteSite } from '@/db/services/sites';
import { authorize } from '@/server/auth/authorize';
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

export const DELETE = route(async (req: Request, ctx: RouteContext<'/api/sites/[id]'>) => {
  const principal = await authorize(req, 'admin');
  deleteSite(getDb(), pathId((await ctx.params).id, 'site'), principal.id);
  return new Response(null, { status: 204 });
});
