import { getStore } from '@/db/client';
import { parsePathId } from '@/lib/validation/path-id';
import { deleteView } from '@/db/services/saved-views';
import { authorize } from '@/server/auth/authorize';
import { route } from '@/server/http/respond';

export const dynamic = 'force-dynamic';

/** Deletes one of the caller's views (admins: also a shared one). */
export const DELETE = route(async (req: Request, ctx: RouteContext<'/api/views/[id]'>) => {
  const principal = await authorize(req, 'viewer');
  await deleteView(getStore(), parsePathId((await ctx.params).id), { id: principal.id, admin: principal.role === 'admin' });
  return new Response(null, { status: 204 });
});
