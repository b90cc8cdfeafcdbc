import type { Metadata } from 'next';
import { TriagePage } from '@/components/triage/triage-page';
import { parseTriageUrl } from '@/components/triage/queue-url';
import { hasRole } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { authorizePage } from '@/server/auth/authorize';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Triage · Frontier Watch' };

/** The report queue: viewers read it, analysts decide (each decision route checks the role again). */
export default async function Triage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await authorizePage('viewer');
  const sp = await searchParams;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) if (typeof v === 'string') params.set(k, v);
  return <TriagePage initial={parseTriageUrl(params)} canDecide={hasRole(principal.role, 'analyst')} timeZone={env().REPORT_TIME_ZONE} />;
}
