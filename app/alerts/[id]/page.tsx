import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getStore } from '@/db/client';
import { getAlert } from '@/db/queries/alerts';
import { incidentItemsByIds } from '@/db/queries/incident-rows';
import { env } from '@/lib/env';
import { hasRole } from '@/lib/auth/roles';
import { pathIdSchema } from '@/lib/validation/path-id';
import { ALERT_INCIDENTS_SHOWN, AlertDetail } from '@/components/alerts/alert-detail';
import { authorizePage } from '@/server/auth/authorize';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = pathIdSchema.safeParse((await params).id);
  return { title: id.success ? `Alert ${id.data} · Frontier Watch` : 'Alert · Frontier Watch' };
}

/**
 * Where mails, webhooks and the alert panel send a reader: the alert with its rule, severity, state
 * and incidents. Anonymous readers sign in and come back here (`next=`); an id that is malformed or
 * names no alert the reader can see is the not-found page, the same answer for both.
 */
export default async function AlertPage({ params }: Props) {
  const me = await authorizePage('viewer');
  const id = pathIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const store = getStore();
  const alert = await getAlert(store, id.data);
  if (!alert) notFound();
  const incidents = await incidentItemsByIds(store, alert.incidentIds.slice(0, ALERT_INCIDENTS_SHOWN));
  return <AlertDetail alert={alert} incidents={incidents} canAct={hasRole(me.role, 'analyst')} timeZone={env().REPORT_TIME_ZONE} />;
}
