import { getDb } from '@/db/client';
import { listIncidents } from '@/db/queries/incidents';
import { countDemoRows } from '@/db/queries/stats';
import { incidentFilterSchema, filterParamsFromSearch } from '@/lib/validation/incident-filter';

export const dynamic = 'force-dynamic';

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) if (typeof v === 'string') params.set(k, v);
  const parsed = incidentFilterSchema.safeParse({ ...filterParamsFromSearch(params), limit: '1' });
  const db = getDb();
  const page = parsed.success ? listIncidents(db, parsed.data) : null;
  const demo = countDemoRows(db);
  return (
    <main className="p-6">
      <h1 className="text-2xl font-semibold">Frontier Watch</h1>
      {demo > 0 && <p className="text-sm">Showing synthetic demo data</p>}
      {page ? (
        <p className="tabular">
          <span data-testid="incident-count">{page.total}</span> incidents
        </p>
      ) : (
        <p role="alert">Invalid filter in the URL.</p>
      )}
    </main>
  );
}
