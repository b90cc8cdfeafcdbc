import { getStore } from '@/db/client';
import { parsePathId } from '@/lib/validation/path-id';
import { deleteSite } from '@/db/services/sites';
import { authorize } from '@/server/auth/authorize';
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

export const DELETE = route(async (req: Request, ctx: RouteContext<'/api/sites/[id]'>) => {
  const principal = await authorize(req, 'admin');
  await deleteSite(getStore(), parsePathId((await ctx.params).id), principal.id);
  return new Response(null, { status: 204 });
});
